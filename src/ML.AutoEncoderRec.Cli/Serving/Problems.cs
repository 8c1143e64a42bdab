using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>The RFC 7807 problem responses (application/problem+json) the API answers with.</summary>
internal static class Problems
{
    /// <summary>400: the request is malformed or out of bounds; <paramref name="detail"/> says what is wrong.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    /// <summary>404: what the request names does not exist; <paramref name="detail"/> says what.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>500 for an unexpected failure: says nothing of the exception (the server log has it).</summary>
    public static ProblemHttpResult InternalError() =>
        TypedResults.Problem("The server failed to answer this request; the server log has the details.",
            statusCode: StatusCodes.Status500InternalServerError, title: "Internal server error");
}
