namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>
/// The titled items known to the model, most rated first, for the title search of <c>GET /items</c>; built once at start.
/// </summary>
internal sealed class ItemCatalog
{
    private readonly TitledItem[] _byPopularity;

    private ItemCatalog(ItemTitles? titles, TitledItem[] byPopularity)
    {
        Titles = titles;
        _byPopularity = byPopularity;
    }

    /// <summary>The titles attached to recommendations (null when the server has none).</summary>
    public ItemTitles? Titles { get; }

    /// <summary>Items known to the model that have a title.</summary>
    public int TitledCount => _byPopularity.Length;

    /// <summary>The catalog of <paramref name="recommender"/>'s items that <paramref name="titles"/> names.</summary>
    public static ItemCatalog Create(RecommenderTransformer recommender, ItemTitles? titles)
    {
        if (titles == null) return new ItemCatalog(null, []);
        var train = recommender.TrainRatings;
        var ratingCounts = new int[train.ColumnCount];
        foreach (int column in train.ColumnIndices) ratingCounts[column]++;
        var items = new List<(TitledItem Item, int Ratings)>();
        for (int i = 0; i < recommender.Items.Count; i++)
            if (titles.TryGetTitle(recommender.Items[i], out var title)) items.Add((new TitledItem(recommender.Items[i], title), ratingCounts[i]));
        var ordered = items.OrderByDescending(x => x.Ratings).ThenBy(x => x.Item.Id).Select(x => x.Item).ToArray();
        return new ItemCatalog(titles, ordered);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> items whose title contains <paramref name="text"/> (case-insensitive; empty text
    /// matches every title), most rated in training first.
    /// </summary>
    public IReadOnlyList<TitledItem> Search(string text, int limit)
    {
        var found = new List<TitledItem>(Math.Min(limit, 16));
        foreach (var item in _byPopularity)
        {
            if (item.Title.Contains(text, StringComparison.OrdinalIgnoreCase)) found.Add(item);
            if (found.Count == limit) break;
        }
        return found;
    }
}
