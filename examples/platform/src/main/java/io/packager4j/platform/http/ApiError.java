package io.packager4j.platform.http;

/**
 * A request that cannot be served, answered as JSON {@code {"code": ..., "message": ...}} with its
 * HTTP status. Thrown by handlers; {@link ErrorResponses} turns it into the response. The message
 * is shown to the client, so it must say what was wrong without leaking secrets or server paths.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** A stable, machine-readable identifier such as {@code not_found} or {@code bad_key}. */
    public String code() {
        return code;
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError notFound(String what, long id) {
        return new ApiError(404, "not_found", what + " " + id + " does not exist");
    }

    public static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    public static ApiError unprocessable(String code, String message) {
        return new ApiError(422, code, message);
    }
}
