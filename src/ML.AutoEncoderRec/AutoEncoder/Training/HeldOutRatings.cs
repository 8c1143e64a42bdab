namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>
/// Held-out ratings to evaluate a reconstruction on: for each evaluated user, the row of <see cref="Inputs"/> that is
/// fed in and the (item, rating) targets that are compared with the output.
/// </summary>
internal sealed class HeldOutRatings
{
    private HeldOutRatings(RatingMatrix inputs, RatingMatrix targets, int[] userRows, int[] pointers, int skipped, float[]? offsets = null)
    {
        Offsets = offsets;
        Inputs = inputs;
        Targets = targets;
        UserRows = userRows;
        Pointers = pointers;
        Skipped = skipped;
    }

    /// <summary>The matrix whose rows are the network's inputs.</summary>
    public RatingMatrix Inputs { get; }

    /// <summary>
    /// The targets as a matrix whose rows match those of <see cref="Inputs"/>; its entries in row order are the targets
    /// in the order of <see cref="Items"/> and <see cref="Ratings"/>.
    /// </summary>
    public RatingMatrix Targets { get; }

    /// <summary>Rows of <see cref="Inputs"/> of the evaluated users, ascending.</summary>
    public int[] UserRows { get; }

    /// <summary>Targets of user k: <see cref="Items"/>/<see cref="Ratings"/>[Pointers[k] .. Pointers[k+1]).</summary>
    public int[] Pointers { get; }

    /// <summary>Item indices of the targets.</summary>
    public int[] Items => Targets.ColumnIndices;

    /// <summary>Target ratings.</summary>
    public float[] Ratings => Targets.Values;

    /// <summary>Per target, the amount added to the network's output before comparing it with the rating (residual models), or null for none.</summary>
    public float[]? Offsets { get; }

    /// <summary>These targets with <paramref name="offsets"/> (one per target rating).</summary>
    public HeldOutRatings WithOffsets(float[] offsets)
    {
        if (offsets.Length != Count) throw new ArgumentException($"{offsets.Length} offsets for {Count} targets.", nameof(offsets));
        return new HeldOutRatings(Inputs, Targets, UserRows, Pointers, Skipped, offsets);
    }

    /// <summary>Rows left out because their user or item is unknown to <see cref="Inputs"/>.</summary>
    public int Skipped { get; }

    /// <summary>Number of target ratings.</summary>
    public int Count => Ratings.Length;

    /// <summary>The rows of <paramref name="table"/> as targets, inputs being the rows of <paramref name="inputs"/> (same vocabularies).</summary>
    public static HeldOutRatings FromTable(RatingTable table, RatingMatrix inputs)
    {
        var targets = RatingMatrix.FromTable(table, inputs.Users, inputs.Items, out int skipped);
        return FromMatrix(targets, inputs, skipped);
    }

    /// <summary>The nonzero entries of <paramref name="targets"/> (vocabularies of <paramref name="inputs"/>) as targets.</summary>
    public static HeldOutRatings FromMatrix(RatingMatrix targets, RatingMatrix inputs, int skipped = 0)
    {
        var rows = new List<int>();
        var pointers = new List<int> { 0 };
        for (int u = 0; u < targets.RowCount; u++)
        {
            if (targets.RowIndices(u).Length == 0) continue;
            rows.Add(u);
            pointers.Add(targets.RowPointers[u + 1]);
        }
        // Rows without targets add no entries, so the CSR arrays can be shared with row pointers compacted.
        return new HeldOutRatings(inputs, targets, rows.ToArray(), pointers.ToArray(), skipped);
    }

    /// <summary>
    /// Splits <paramref name="train"/> into ratings to fit on and a random <paramref name="fraction"/> of each user's ratings
    /// to watch (⌊fraction·n⌋ of a user's n ratings, never all of them), drawn with <paramref name="seed"/>.
    /// </summary>
    public static (RatingMatrix Fit, HeldOutRatings Watch) CarveFrom(RatingMatrix train, double fraction, int seed)
    {
        var (fit, watch) = Carve(train, fraction, seed);
        return (fit, FromMatrix(watch, fit));
    }

    /// <summary>The split of <see cref="CarveFrom"/> as two matrices with the vocabularies of <paramref name="train"/>.</summary>
    public static (RatingMatrix Fit, RatingMatrix Watch) Carve(RatingMatrix train, double fraction, int seed)
    {
        var random = new Random(seed);
        var fitPointers = new int[train.RowCount + 1];
        var watchPointers = new int[train.RowCount + 1];
        var fitColumns = new List<int>(train.NonZeroCount);
        var fitValues = new List<float>(train.NonZeroCount);
        var watchColumns = new List<int>();
        var watchValues = new List<float>();
        for (int u = 0; u < train.RowCount; u++)
        {
            var indices = train.RowIndices(u);
            var values = train.RowValues(u);
            int n = indices.Length;
            int held = Math.Min((int)Math.Floor(fraction * n), n - 1);
            var watched = new bool[n];
            if (held > 0)
            {
                var order = Enumerable.Range(0, n).ToArray();
                random.Shuffle(order);
                for (int k = 0; k < held; k++) watched[order[k]] = true;
            }
            for (int k = 0; k < n; k++)
            {
                (watched[k] ? watchColumns : fitColumns).Add(indices[k]);
                (watched[k] ? watchValues : fitValues).Add(values[k]);
            }
            fitPointers[u + 1] = fitColumns.Count;
            watchPointers[u + 1] = watchColumns.Count;
        }
        var fit = new RatingMatrix(train.Users, train.Items, fitPointers, fitColumns.ToArray(), fitValues.ToArray());
        var watch = new RatingMatrix(train.Users, train.Items, watchPointers, watchColumns.ToArray(), watchValues.ToArray());
        return (fit, watch);
    }
}
