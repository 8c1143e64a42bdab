namespace ML.AutoEncoderRec;

/// <summary>A train/test split of ratings with the report of what went where.</summary>
/// <param name="Train">The training ratings.</param>
/// <param name="Test">The test ratings: only users and items that occur in <paramref name="Train"/>.</param>
/// <param name="Report">Counts of rows, users and items on each side and of every dropped row.</param>
public sealed record RatingSplit(RatingTable Train, RatingTable Test, SplitReport Report);
