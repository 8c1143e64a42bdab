namespace ML.AutoEncoderRec;

/// <summary>The splits that <see cref="SplitSpec"/> can describe (a predefined split needs two files instead).</summary>
public enum SplitKind
{
    /// <summary><see cref="GlobalTemporalSplit"/>: <c>temporal:Q</c>.</summary>
    Temporal,

    /// <summary><see cref="PerUserTemporalSplit"/>: <c>user-temporal:F</c>.</summary>
    UserTemporal,

    /// <summary><see cref="RandomSplit"/>: <c>random:F</c> or <c>random:F:SEED</c>.</summary>
    Random,
}
