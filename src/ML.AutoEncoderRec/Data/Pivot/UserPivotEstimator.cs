using Microsoft.ML;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec;

/// <summary>
/// Learns the user and item vocabularies of (user, item, rating) rows; its transformer turns such rows into
/// one row per user holding the user's key and sparse rating vector over the items (the input of every
/// vector-based engine). Create it with <c>mlContext.AutoEncoderRec().Transforms.PivotUsers(...)</c>.
/// </summary>
public sealed class UserPivotEstimator : IEstimator<UserPivotTransformer>
{
    internal UserPivotEstimator(UserPivotOptions options)
    {
        Options = options.Validated();
    }

    /// <summary>The column names used (validated copy of what was passed).</summary>
    public UserPivotOptions Options { get; }

    /// <summary>Reads the ids of <paramref name="input"/> and fixes the user and item vocabularies.</summary>
    public UserPivotTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var table = DataViewRatings.ReadTable(input, Options.InputColumns(), "pivot training data");
        return new UserPivotTransformer(Options, table.UserIndex, table.ItemIndex);
    }

    /// <summary>The pivot's output: the user key and the rating vector (the input columns are consumed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A required input column is missing or not numeric.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var (name, role) in new[] { (Options.UserIdColumnName, "user id"), (Options.ItemIdColumnName, "item id"), (Options.RatingColumnName, "rating") })
        {
            var column = SchemaShapes.Require(inputSchema, name, role);
            if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType is not Microsoft.ML.Data.NumberDataViewType || column.IsKey)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The {role} column '{name}' must be a numeric scalar; it is {column.ItemType}{(column.Kind == SchemaShape.Column.VectorKind.Scalar ? "" : " vector")}.");
        }
        return new SchemaShape(
        [
            SchemaShapes.Column(Options.OutputUserColumnName, SchemaShape.Column.VectorKind.Scalar, Microsoft.ML.Data.NumberDataViewType.UInt32, isKey: true),
            SchemaShapes.Column(Options.OutputRatingsColumnName, SchemaShape.Column.VectorKind.Vector, Microsoft.ML.Data.NumberDataViewType.Single),
        ]);
    }
}
