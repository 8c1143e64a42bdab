namespace ML.AutoEncoderRec.Evaluation;

/// <summary>
/// Ranks one user's candidate items, adds that user's top-k figures to running sums and collects the rows that
/// ML.NET's ranking evaluator needs to reproduce NDCG@k (see <see cref="TopKMetrics"/> for the definitions).
/// </summary>
internal sealed class TopKAccumulator
{
    private readonly int _k;
    private readonly int _itemCount;
    private readonly bool[] _covered;
    private double _precision, _recall, _averagePrecision, _hits, _ndcg;

    public TopKAccumulator(int k, int itemCount)
    {
        _k = k;
        _itemCount = itemCount;
        _covered = new bool[itemCount];
    }

    /// <summary>Users added so far.</summary>
    public int Users { get; private set; }

    /// <summary>(group, label, score) rows for ML.NET: every user's top-k items and all their relevant items.</summary>
    public List<(uint Group, float Label, float Score)> MlNetRows { get; } = [];

    /// <summary>
    /// Ranks the candidates (every item with <paramref name="excluded"/> false) of one user by score, adds the figures.
    /// </summary>
    /// <param name="scores">Scores of every item (NaN ranks last).</param>
    /// <param name="excluded">Items rated in training (not candidates).</param>
    /// <param name="relevant">Relevant candidate items (at least one).</param>
    public void Add(ReadOnlySpan<float> scores, Func<int, bool> excluded, IReadOnlySet<int> relevant)
    {
        var top = Rank(scores, excluded, relevant, _k);
        int hits = 0;
        double averagePrecision = 0, dcg = 0, idcg = 0;
        for (int j = 0; j < top.Length; j++)
        {
            if (!relevant.Contains(top[j])) continue;
            hits++;
            averagePrecision += (double)hits / (j + 1);
            dcg += 1 / Math.Log(j + 2);
        }
        for (int j = 0; j < Math.Min(_k, relevant.Count); j++) idcg += 1 / Math.Log(j + 2);
        Users++;
        _precision += (double)hits / _k;
        _recall += (double)hits / relevant.Count;
        _averagePrecision += averagePrecision / Math.Min(_k, relevant.Count);
        _hits += hits > 0 ? 1 : 0;
        _ndcg += dcg / idcg;
        foreach (int i in top) _covered[i] = true;

        uint group = (uint)Users;
        foreach (int i in top) MlNetRows.Add((group, relevant.Contains(i) ? 1 : 0, RankScore(scores[i])));
        foreach (int i in relevant)
            if (Array.IndexOf(top, i) < 0) MlNetRows.Add((group, 1, RankScore(scores[i])));
    }

    /// <summary>Means over the users added (0 when none) and the catalog coverage.</summary>
    public (double Precision, double Recall, double Map, double HitRate, double Ndcg, double Coverage) Means()
    {
        double n = Math.Max(Users, 1);
        double coverage = _itemCount == 0 ? 0 : (double)_covered.Count(c => c) / _itemCount;
        return (_precision / n, _recall / n, _averagePrecision / n, _hits / n, _ndcg / n, coverage);
    }

    /// <summary>The score used for ranking: NaN becomes the lowest finite value.</summary>
    public static float RankScore(float score) => float.IsNaN(score) ? float.MinValue : score;

    /// <summary>The best <paramref name="k"/> candidates: higher score first; equal scores: non-relevant first, then lower index.</summary>
    public static int[] Rank(ReadOnlySpan<float> scores, Func<int, bool> excluded, IReadOnlySet<int> relevant, int k)
    {
        var best = new List<int>(k + 1);
        for (int i = 0; i < scores.Length; i++)
        {
            if (excluded(i)) continue;
            if (best.Count == k && !Before(i, best[^1], scores, relevant)) continue;
            int at = best.Count;
            while (at > 0 && Before(i, best[at - 1], scores, relevant)) at--;
            best.Insert(at, i);
            if (best.Count > k) best.RemoveAt(k);
        }
        return best.ToArray();
    }

    private static bool Before(int a, int b, ReadOnlySpan<float> scores, IReadOnlySet<int> relevant)
    {
        float sa = RankScore(scores[a]), sb = RankScore(scores[b]);
        if (sa != sb) return sa > sb;
        bool ra = relevant.Contains(a), rb = relevant.Contains(b);
        if (ra != rb) return !ra;
        return a < b;
    }
}
