package dev.switchboard.shared.store;

import java.util.List;

/** One page of a list, with the opaque cursor of the next page (null on the last). */
public record Page<T>(List<T> items, String nextCursor) {
}
