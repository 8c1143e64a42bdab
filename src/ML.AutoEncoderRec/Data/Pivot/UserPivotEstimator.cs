using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec.DataView;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec;

/// <summary>
/// Pivots (user, item, rating) rows into one sparse rating vector per user, the input of every vector-based engine.
/// Create it with <c>mlContext.AutoEncoderRec().Transforms.PivotUsers(...)</c>; its transformer appends to each row
/// its user's key and training rating vector (see <see cref="UserPivotTransformer"/>).
/// </summary>
public sealed class UserPivotEstimator : IEstimator<UserPivotTransformer>
{
    internal UserPivotEstimator(UserPivotOptions options)
    {
        Options = options.Validated();
    }

    /// <summary>The column names used (validated copy of what was passed).</summary>
    public UserPivotOptions Options { get; }

    /// <summary>Reads the ratings of <paramref name="input"/> once and pivots them: one sparse rating vector per user.</summary>
    /// <exception cref="ArgumentException">A column is missing or holds no integer ids or numeric ratings (the message says what to do).</exception>
    /// <exception cref="InvalidDataException">A bad id or rating, or a (user, item) pair rated twice.</exception>
    public UserPivotTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var table = DataViewRatings.ReadTable(input, Options.InputColumns(), "pivot training data");
        return new UserPivotTransformer(Options, RatingMatrix.FromTable(table, users: null, items: null, out _), input);
    }

    /// <summary>The input columns plus the user key and the rating vector (an input column with one of their names is replaced).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A required input column is missing, holds no ids, or a rating that is not a number.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        IdColumn.CheckShape(SchemaShapes.Require(inputSchema, Options.UserIdColumnName, "user id"), "user id");
        IdColumn.CheckShape(SchemaShapes.Require(inputSchema, Options.ItemIdColumnName, "item id"), "item id");
        SchemaShapes.RequireNumber(inputSchema, Options.RatingColumnName, "rating");
        return SchemaShapes.Append(inputSchema,
            SchemaShapes.Column(Options.OutputUserColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, isKey: true),
            SchemaShapes.Column(Options.OutputRatingsColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single));
    }
}
