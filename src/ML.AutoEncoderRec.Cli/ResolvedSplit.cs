namespace ML.AutoEncoderRec.Cli;

/// <summary>A split made from command-line options, with every file read for it.</summary>
/// <param name="Split">The train/test split.</param>
/// <param name="Files">The files read (ratings, or train then test) with their load reports (duplicates removed while loading).</param>
internal sealed record ResolvedSplit(RatingSplit Split, IReadOnlyList<LoadedRatings> Files);
