using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.DataView;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.Factorization;

/// <summary>Schema check and reading of the (user, item, rating) training rows of the row-based trainers.</summary>
internal static class RatingRowsInput
{
    /// <summary>Checks the three input columns (ids: integers or keys; the label: a number) and appends a scalar Single score.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type; the message names it and its role.</exception>
    public static SchemaShape OutputSchema(SchemaShape input, RatingRowsOptions options)
    {
        IdColumn.CheckShape(SchemaShapes.Require(input, options.UserIdColumnName, "user id"), "user id");
        IdColumn.CheckShape(SchemaShapes.Require(input, options.ItemIdColumnName, "item id"), "item id");
        SchemaShapes.RequireNumber(input, options.LabelColumnName, "rating (label)");
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
