using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Data.Pivot;
using ML.AutoEncoderRec.DataView;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.Recommending;

/// <summary>Schema checks and reading of the training input shared by the vector-based engines.</summary>
internal static class TrainingData
{
    /// <summary>
    /// Checks that the rating-vector column is a known-size Single vector and returns the output shape: the input
    /// plus the score column, one Single per row when the input holds the item id column (pairs are scored), else a vector.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of the wrong type; the message names it.</exception>
    public static SchemaShape VectorEngineOutputSchema(SchemaShape input, RecommenderColumns columns)
    {
        var column = SchemaShapes.Find(input, columns.RatingsColumnName) ?? throw new ArgumentOutOfRangeException(nameof(input),
            $"The rating-vector column '{columns.RatingsColumnName}' is not in the input schema (columns: {string.Join(", ", input.Select(c => c.Name))}): " +
            "this trainer reads one rating vector per user; put mlContext.AutoEncoderRec().Transforms.PivotUsers() before it.");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"The rating-vector column '{columns.RatingsColumnName}' must be a known-size vector of Single (the output of PivotUsers); it is {column.ItemType} ({column.Kind}).");
        bool pairs = SchemaShapes.Find(input, columns.ItemIdColumnName) != null;
        return SchemaShapes.Append(input, SchemaShapes.Column(columns.ScoreColumnName,
            pairs ? SchemaShape.Column.VectorKind.Scalar : SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single));
    }

    /// <summary>
    /// The rating matrix of pivoted training data: shared without a copy when <paramref name="input"/> comes straight from
    /// the user pivot (its <c>Pivot</c>, or its <c>Transform</c> of the data it was fitted on), else read from the user id
    /// or key column (keys map to their <c>KeyValues</c>) and the rating-vector column (vector slot names give the item ids
    /// when present, else 0-based slot numbers). Rows repeating a user with the same vector (the user pivot's
    /// <c>Transform</c> of other rating rows) count once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type, or the input comes from a
    /// user pivot whose item id column differs from <paramref name="columns"/>' (so pairs could not be scored).</exception>
    /// <exception cref="InvalidDataException">A missing user key, a bad rating, or a user repeated with another vector.</exception>
    public static RatingMatrix ReadMatrix(IDataView input, RecommenderColumns columns)
    {
        string userColumn = columns.UserIdColumnName, ratingsColumn = columns.RatingsColumnName;
        if (input is PivotedRatingsDataView pivoted && pivoted.Schema.GetColumnOrNull(userColumn)?.Index == 0
            && pivoted.Schema.GetColumnOrNull(ratingsColumn)?.Index == 1)
            return pivoted.Matrix;
        if (input is UserRatingsRowsDataView rows)
        {
            if (rows.Columns.ItemIdColumnName != columns.ItemIdColumnName)
                throw new ArgumentOutOfRangeException(nameof(input),
                    $"The user pivot reads item ids from '{rows.Columns.ItemIdColumnName}' but this engine scores pairs from ItemIdColumnName = " +
                    $"'{columns.ItemIdColumnName}': set the engine's ItemIdColumnName to '{rows.Columns.ItemIdColumnName}'.");
            if (rows.PivotOfRows is { } matrix && rows.Columns.OutputUserColumnName == userColumn && rows.Columns.OutputRatingsColumnName == ratingsColumn)
                return matrix;
        }
        var user = input.Schema.GetColumnOrNull(userColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"The user column '{userColumn}' is not in the training data.");
        var ratings = input.Schema.GetColumnOrNull(ratingsColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"The rating-vector column '{ratingsColumn}' is not in the training data.");
        if (ratings.Type is not VectorDataViewType { Size: > 0 } vectorType || vectorType.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(input), $"Column '{ratingsColumn}' must be a known-size Single vector; it is {ratings.Type}.");
        var userIds = IdColumn.Of(user, "user id");

        var (itemIds, itemTexts) = SlotIds(ratings, vectorType.Size);
        var rowUser = new List<int>();
        var rowIndices = new List<int[]>();
        var rowValues = new List<float[]>();
        var rowOfUser = new Dictionary<int, int>();
        using (var cursor = input.GetRowCursor([user, ratings]))
        {
            var getId = userIds.Getter(cursor);
            var getRatings = cursor.GetGetter<VBuffer<float>>(ratings);
            VBuffer<float> vector = default;
            while (cursor.MoveNext())
            {
                double value = getId();
                if (!DataViewRatings.IsInteger(value))
                    throw new InvalidDataException(userIds.IsKey
                        ? $"Training row {cursor.Position + 1}: the user key in column '{userColumn}' is missing (0)."
                        : $"Training row {cursor.Position + 1}: user id {value} in column '{userColumn}' is not a 32-bit integer.");
                int id = (int)value;
                getRatings(ref vector);
                var entries = vector.Items().Where(e => e.Value != 0).ToArray();
                var indices = entries.Select(e => e.Key).ToArray();
                var values = entries.Select(e => e.Value).ToArray();
                if (rowOfUser.TryGetValue(id, out int first))
                {
                    if (indices.SequenceEqual(rowIndices[first]) && values.SequenceEqual(rowValues[first])) continue;
                    throw new InvalidDataException($"Training row {cursor.Position + 1} repeats user {id} (first at row {first + 1}) with other ratings; " +
                        "give one row per user, or rating rows through PivotUsers.");
                }
                rowOfUser[id] = rowUser.Count;
                rowUser.Add(id);
                rowIndices.Add(indices);
                rowValues.Add(values);
            }
        }
        var table = new RatingTable("training data",
            rowIndices.SelectMany((idx, r) => Enumerable.Repeat(rowUser[r], idx.Length)).ToArray(),
            rowIndices.SelectMany(idx => idx.Select(i => itemIds[i])).ToArray(),
            rowValues.SelectMany(v => v).ToArray(),
            new long[rowValues.Sum(v => v.Length)],
            rowIndices.SelectMany((idx, r) => Enumerable.Repeat(r + 1, idx.Length)).ToArray());
        foreach (float v in table.Ratings)
            if (!float.IsFinite(v) || v < 0) throw new InvalidDataException($"Training data holds rating {v}; ratings must be finite and > 0.");
        var users = KeyIndex.FromIds([.. rowUser]);
        var items = KeyIndex.FromIds(itemIds);
        return RatingMatrix.FromTable(table, userIds.Texts is { } userTexts ? users.WithTexts(userTexts) : users,
            itemTexts != null ? items.WithTexts(itemTexts) : items, out _);
    }

    /// <summary>The item id of each slot: its slot name when every name is an integer; else the slot number, with the names as text ids when they are distinct.</summary>
    private static (int[] Ids, string[]? Texts) SlotIds(DataViewSchema.Column ratings, int size)
    {
        var slots = Enumerable.Range(0, size).ToArray();
        if (!ratings.HasSlotNames()) return (slots, null);
        VBuffer<ReadOnlyMemory<char>> names = default;
        ratings.GetSlotNames(ref names);
        var texts = names.DenseValues().Select(n => n.ToString()).ToArray();
        var ids = texts.Select(n => int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out int id) ? id : (int?)null).ToArray();
        if (ids.All(id => id.HasValue)) return (ids.Select(id => id!.Value).ToArray(), null);
        return (slots, texts.Distinct(StringComparer.Ordinal).Count() == texts.Length ? texts : null);
    }
}
