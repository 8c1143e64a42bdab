using System.Globalization;
using System.Text.Json;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// The printable summary of a <see cref="ResolvedSplit"/>: as text for people, or as one snake_case JSON object
/// (<c>train_rows</c>, <c>dropped_unseen_user</c>, <c>cutoff</c>, …).
/// </summary>
internal sealed class SplitSummary
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public required string Split { get; init; }
    public required IReadOnlyList<string> Files { get; init; }
    public required int RowsRead { get; init; }
    public required int Users { get; init; }
    public required int Items { get; init; }
    public required int TrainRows { get; init; }
    public required int TrainUsers { get; init; }
    public required int TrainItems { get; init; }
    public required int TestRows { get; init; }
    public required int TestUsers { get; init; }
    public required int TestItems { get; init; }
    public required int DroppedDuplicates { get; init; }
    public required int DroppedUnseenUser { get; init; }
    public required int DroppedUnseenItem { get; init; }
    public required double? Cutoff { get; init; }
    public required int? UsersWithoutTestRows { get; init; }

    public static SplitSummary From(ResolvedSplit resolved)
    {
        var report = resolved.Split.Report;
        var loads = resolved.Files.Select(file => file.Report).ToArray();
        // Users and items of every row loaded (dropped test rows included).
        var users = new HashSet<int>(resolved.Files.SelectMany(file => file.Table.UserIds));
        var items = new HashSet<int>(resolved.Files.SelectMany(file => file.Table.ItemIds));
        return new SplitSummary
        {
            Split = report.Description,
            Files = loads.Select(load => load.FilePath).ToArray(),
            RowsRead = loads.Sum(load => load.RowsRead),
            Users = users.Count,
            Items = items.Count,
            TrainRows = report.TrainRows,
            TrainUsers = report.TrainUsers,
            TrainItems = report.TrainItems,
            TestRows = report.TestRows,
            TestUsers = report.TestUsers,
            TestItems = report.TestItems,
            DroppedDuplicates = loads.Sum(load => load.DuplicatesRemoved),
            DroppedUnseenUser = report.DroppedUnseenUser,
            DroppedUnseenItem = report.DroppedUnseenItem,
            Cutoff = report.Cutoff,
            UsersWithoutTestRows = report.UsersWithoutTestRows,
        };
    }

    public void WriteText(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"split {Split}" + (Cutoff is double cutoff ? string.Create(c, $" (train: timestamp <= {cutoff:R})") : ""));
        output.WriteLine(string.Create(c, $"read {RowsRead:N0} ratings from {string.Join(", ", Files)}: {Users:N0} users, {Items:N0} items"));
        output.WriteLine(string.Create(c, $"train: {TrainRows:N0} ratings, {TrainUsers:N0} users, {TrainItems:N0} items"));
        output.WriteLine(string.Create(c, $"test:  {TestRows:N0} ratings, {TestUsers:N0} users, {TestItems:N0} items"));
        output.WriteLine(string.Create(c,
            $"dropped: {DroppedDuplicates:N0} duplicate ratings, {DroppedUnseenUser:N0} test ratings of users not in train, " +
            $"{DroppedUnseenItem:N0} test ratings of items not in train"));
        if (UsersWithoutTestRows is int without)
            output.WriteLine(string.Create(c, $"{without:N0} users have too few ratings for a test rating and stay in train only"));
    }

    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
}
