using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.Factorization;

/// <summary>Schema check and reading of the (user, item, rating) training rows of the row-based trainers.</summary>
internal static class RatingRowsInput
{
    /// <summary>Checks the three input columns (numeric scalars, not keys) and appends a scalar Single score.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type; the message names it and its role.</exception>
    public static SchemaShape OutputSchema(SchemaShape input, RatingRowsOptions options)
    {
        foreach (var (name, role) in new[] { (options.UserIdColumnName, "user id"), (options.ItemIdColumnName, "item id"), (options.LabelColumnName, "rating (label)") })
        {
            var column = SchemaShapes.Require(input, name, role);
            if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType is not NumberDataViewType || column.IsKey)
                throw new ArgumentOutOfRangeException(nameof(input),
                    $"The {role} column '{name}' must be a numeric scalar (not a key); it is {column.ItemType}{(column.Kind == SchemaShape.Column.VectorKind.Scalar ? "" : " vector")}.");
        }
        return SchemaShapes.Append(input, SchemaShapes.Column(options.ScoreColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single));
    }

    /// <summary>Checks the schema, then reads every row into a rating matrix over the users and items present.</summary>
    /// <exception cref="InvalidOperationException">The data holds no rating.</exception>
    public static RatingMatrix Read(IDataView input, RatingRowsOptions options, string trainer)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(SchemaShapes.FromSchema(input.Schema), options);
        var table = DataViewRatings.ReadTable(input, options.InputColumns(), $"{trainer} training data");
        if (table.Count == 0) throw new InvalidOperationException($"The {trainer} training data holds no rating.");
        return RatingMatrix.FromTable(table, users: null, items: null, out _);
    }
}
