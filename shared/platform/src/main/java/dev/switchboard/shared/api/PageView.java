package dev.switchboard.shared.api;

import java.util.List;

/**
 * A page of a list as the API answers it: the items, and the sealed cursor of the next page
 * (null on the last).
 */
public record PageView<T>(List<T> items, String nextCursor) {
}
