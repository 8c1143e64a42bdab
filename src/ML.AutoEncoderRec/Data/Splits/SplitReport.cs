namespace ML.AutoEncoderRec;

/// <summary>What a split did: sizes of both sides and every dropped row, by reason.</summary>
/// <remarks>
/// Invariant: <c>InputRows = TrainRows + TestRows + DroppedUnseenUser + DroppedUnseenItem</c>; every input row is in
/// exactly one of train, test or dropped. A test row whose user and item are both unseen counts as <see cref="DroppedUnseenUser"/>.
/// </remarks>
public sealed class SplitReport
{
    /// <summary>How the split was made (<see cref="SplitSpec"/>'s kinds), or null for a predefined split of two files.</summary>
    public SplitKind? Kind { get; init; }

    /// <summary>The split, e.g. <c>temporal:0.98</c> or <c>files:u1.base,u1.test</c>.</summary>
    public required string Description { get; init; }

    /// <summary>Rows given to the split (both files for a predefined split).</summary>
    public required int InputRows { get; init; }

    /// <summary>Training rows.</summary>
    public required int TrainRows { get; init; }

    /// <summary>Distinct users in train.</summary>
    public required int TrainUsers { get; init; }

    /// <summary>Distinct items in train.</summary>
    public required int TrainItems { get; init; }

    /// <summary>Test rows kept.</summary>
    public required int TestRows { get; init; }

    /// <summary>Distinct users in test.</summary>
    public required int TestUsers { get; init; }

    /// <summary>Distinct items in test.</summary>
    public required int TestItems { get; init; }

    /// <summary>Test rows dropped because their user has no training row.</summary>
    public required int DroppedUnseenUser { get; init; }

    /// <summary>Test rows dropped because their item has no training row (and their user has).</summary>
    public required int DroppedUnseenItem { get; init; }

    /// <summary>The timestamp cutoff (train: timestamp ≤ cutoff) for the global temporal split; null otherwise.</summary>
    public double? Cutoff { get; init; }

    /// <summary>For the per-user temporal split, users that got no test row (floor(n·fraction) = 0); null otherwise.</summary>
    public int? UsersWithoutTestRows { get; init; }
}
