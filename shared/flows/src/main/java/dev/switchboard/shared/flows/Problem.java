package dev.switchboard.shared.flows;

/**
 * Why a flow cannot run.
 *
 * @param path    the JSON path of the field at fault, as {@link FlowJson} writes the flow:
 *                {@code nodes.main.options[1].digits}, {@code start}, {@code nodes} for the flow as a whole
 * @param message what is wrong, told along the route a call takes to get there
 */
public record Problem(String path, String message) {
}
