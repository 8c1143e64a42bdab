using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.Recommending;

/// <summary>Schema checks and reading of the training input shared by the vector-based engines.</summary>
internal static class TrainingData
{
    /// <summary>
    /// Checks that <paramref name="ratingsColumn"/> is a known-size Single vector and returns the output shape:
    /// the input plus a Score vector.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of the wrong type; the message names it.</exception>
    public static SchemaShape VectorEngineOutputSchema(SchemaShape input, string ratingsColumn, string scoreColumn)
    {
        var column = SchemaShapes.Require(input, ratingsColumn, "rating-vector");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"The rating-vector column '{ratingsColumn}' must be a known-size vector of Single (the output of PivotUsers); it is {column.ItemType} ({column.Kind}).");
        return SchemaShapes.Append(input, SchemaShapes.Column(scoreColumn, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single));
    }

    /// <summary>
    /// The rating matrix of pivoted training data: shared without a copy when <paramref name="input"/> comes
    /// straight from the user pivot, else read from its user key (with KeyValues of original ids) and
    /// rating-vector columns (vector slot names give the item ids when present, else 0-based slot numbers).
    /// </summary>
    public static RatingMatrix ReadMatrix(IDataView input, string userColumn, string ratingsColumn)
    {
        if (input is PivotedRatingsDataView pivoted && pivoted.Schema[ratingsColumn].Index == pivoted.Schema.Count - 1)
            return pivoted.Matrix;
        var user = input.Schema.GetColumnOrNull(userColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"The user column '{userColumn}' is not in the training data.");
        var ratings = input.Schema.GetColumnOrNull(ratingsColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"The rating-vector column '{ratingsColumn}' is not in the training data.");
        if (ratings.Type is not VectorDataViewType { Size: > 0 } vectorType || vectorType.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(input), $"Column '{ratingsColumn}' must be a known-size Single vector; it is {ratings.Type}.");

        var itemIds = SlotIds(ratings, vectorType.Size);
        var userIds = UserIdsOf(user);
        var rowUser = new List<int>();
        var rowIndices = new List<int[]>();
        var rowValues = new List<float[]>();
        using (var cursor = input.GetRowCursor([user, ratings]))
        {
            var getKey = user.Type is KeyDataViewType ? cursor.GetGetter<uint>(user) : null;
            var getId = getKey == null ? DataViewRatings.NumericGetter(cursor, user) : null;
            var getRatings = cursor.GetGetter<VBuffer<float>>(ratings);
            VBuffer<float> vector = default;
            while (cursor.MoveNext())
            {
                int id;
                if (getKey != null)
                {
                    uint key = 0;
                    getKey(ref key);
                    if (key == 0) throw new InvalidDataException($"Training row {cursor.Position + 1}: the user key is missing (0).");
                    id = userIds != null ? userIds[key - 1] : (int)key;
                }
                else id = (int)getId!();
                getRatings(ref vector);
                var entries = vector.Items().Where(e => e.Value != 0).ToArray();
                rowUser.Add(id);
                rowIndices.Add(entries.Select(e => e.Key).ToArray());
                rowValues.Add(entries.Select(e => e.Value).ToArray());
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
        return RatingMatrix.FromTable(table, KeyIndex.FromIds([.. rowUser]), KeyIndex.FromIds(itemIds), out _);
    }

    private static int[]? UserIdsOf(DataViewSchema.Column user)
    {
        if (user.Type is not KeyDataViewType) return null;
        var annotation = user.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (annotation is not { Type: VectorDataViewType { ItemType: var t } } || t != NumberDataViewType.Int32) return null;
        VBuffer<int> ids = default;
        user.Annotations.GetValue("KeyValues", ref ids);
        return ids.DenseValues().ToArray();
    }

    private static int[] SlotIds(DataViewSchema.Column ratings, int size)
    {
        if (ratings.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            ratings.GetSlotNames(ref names);
            var ids = names.DenseValues().Select(n => int.TryParse(n.Span, out int id) ? id : (int?)null).ToArray();
            if (ids.All(id => id.HasValue)) return ids.Select(id => id!.Value).ToArray();
        }
        return Enumerable.Range(0, size).ToArray();
    }
}
