namespace ML.AutoEncoderRec;

/// <summary>A ratings file as read by <see cref="RatingFileReader"/>: the rows and the report of what was read and removed.</summary>
/// <param name="Table">The ratings, in file order (<see cref="RatingTable.Source"/> is the path).</param>
/// <param name="Report">Counts of rows read and removed.</param>
public sealed record LoadedRatings(RatingTable Table, RatingLoadReport Report);
