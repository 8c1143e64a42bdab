namespace ML.AutoEncoderRec;

/// <summary>What a user pivot kept and ignored when it turned rating rows into user rows.</summary>
/// <param name="InputRows">Rating rows read.</param>
/// <param name="Users">User rows produced (distinct users in the input).</param>
/// <param name="UsersUnknownAtFit">Users not seen at fit time (their key is 0 = missing; their ratings are still pivoted).</param>
/// <param name="RatingsOfUnknownItems">Ratings ignored because their item was not seen at fit time.</param>
public sealed record PivotReport(int InputRows, int Users, int UsersUnknownAtFit, int RatingsOfUnknownItems);
