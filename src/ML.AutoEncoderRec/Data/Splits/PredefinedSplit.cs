using ML.AutoEncoderRec.Data.Splits;

namespace ML.AutoEncoderRec;

/// <summary>A split given as two files (e.g. ml-100k <c>u1.base</c> / <c>u1.test</c>).</summary>
/// <remarks>Train is taken whole; test rows whose user or item has no training row are dropped and counted.</remarks>
public static class PredefinedSplit
{
    /// <summary>Uses <paramref name="train"/> as is and the rows of <paramref name="test"/> with known users and items as test.</summary>
    public static RatingSplit Split(RatingTable train, RatingTable test) =>
        SplitAssembler.FromTwoTables(train, test, $"files:{train.Source},{test.Source}");
}
