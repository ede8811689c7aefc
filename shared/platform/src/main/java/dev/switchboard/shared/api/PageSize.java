package dev.switchboard.shared.api;

/** How many items a page of a list holds: the client's {@code limit}, within bounds. */
public final class PageSize {
    private PageSize() {
    }

    /** The most items one page holds. */
    public static final int MAX = 100;

    /** A page's size: 400 when not a positive whole number, 422 naming the limit when above it. */
    public static int of(ApiRequest request) {
        return request.query("limit").map(v -> {
            long limit;
            try {
                limit = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ApiError.badField("limit", "limit must be a whole number from 1 to " + MAX);
            }
            if (limit < 1) {
                throw ApiError.badField("limit", "limit must be a whole number from 1 to " + MAX);
            }
            if (limit > MAX) {
                throw ApiError.unprocessable("limit", "A page holds at most " + MAX + " items; got " + limit);
            }
            return (int) limit;
        }).orElse(25);
    }
}
