using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.Interop;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec;

/// <summary>
/// Turns (user, item, rating) rows into one row per user: the user's key (over the users seen at fit time)
/// and their sparse rating vector over the item vocabulary fixed at fit time. Ratings of items unknown at fit
/// time are ignored and counted in <see cref="PivotedRatingsDataView.Report"/>. Not a row-to-row transform:
/// it changes the number of rows, so a chain holding it cannot make a <c>PredictionEngine</c>.
/// </summary>
[ModelLoader(LoaderSignature)]
public sealed class UserPivotTransformer : ITransformer
{
    internal const string LoaderSignature = "AutoEncoderRec.UserPivot";

    private static readonly ModelVersion Version = new("AERPIVOT", 0x00010001, 0x00010001, 0x00010001, LoaderSignature);

    internal UserPivotTransformer(UserPivotOptions options, KeyIndex users, KeyIndex items)
    {
        Options = options;
        Users = users;
        Items = items;
    }

    /// <summary>The column names.</summary>
    public UserPivotOptions Options { get; }

    /// <summary>Users seen at fit time (their keys are index + 1).</summary>
    public KeyIndex Users { get; }

    /// <summary>Items seen at fit time: the positions of the rating vector.</summary>
    public KeyIndex Items { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => false;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        foreach (var name in new[] { Options.UserIdColumnName, Options.ItemIdColumnName, Options.RatingColumnName })
        {
            var column = inputSchema.GetColumnOrNull(name)
                ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{name}' is not in the input schema.");
            if (column.Type is not NumberDataViewType)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{name}' has type {column.Type}; a numeric column is required.");
        }
        return PivotedRatingsDataView.BuildSchema(Users, Items, Options.OutputUserColumnName, Options.OutputRatingsColumnName);
    }

    /// <inheritdoc cref="Pivot"/>
    /// <exception cref="NotSupportedException">Called by <c>mlContext.Model.ConvertToOnnx</c> (use <see cref="AutoEncoderRecCatalog.ExportOnnx"/>).</exception>
    public IDataView Transform(IDataView input)
    {
        OnnxConversionGuard.ThrowIfConverting("the user pivot");
        return Pivot(input);
    }

    /// <summary>Pivots <paramref name="input"/> (read eagerly, so errors surface here).</summary>
    /// <exception cref="InvalidDataException">A bad id or rating, or a (user, item) pair rated twice.</exception>
    public PivotedRatingsDataView Pivot(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var table = DataViewRatings.ReadTable(input, Options.InputColumns(), "pivot input");
        var matrix = RatingMatrix.FromTable(table, users: null, Items, out int unknownItems);
        int unknownUsers = 0;
        foreach (int id in matrix.Users.Ids) if (!Users.Contains(id)) unknownUsers++;
        var report = new PivotReport(table.Count, matrix.RowCount, unknownUsers, unknownItems);
        return new PivotedRatingsDataView(matrix, Users, Options.OutputUserColumnName, Options.OutputRatingsColumnName, report);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new InvalidOperationException(
        "The user pivot changes the number of rows, so it has no row-to-row mapper; score pivoted data with the engine's transformer directly.");

    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelSaveAccess.Save(ctx, Version, writer =>
    {
        // Layout: 5 column names (string), user ids (KeyIndex), item ids (KeyIndex).
        writer.Write(Options.UserIdColumnName);
        writer.Write(Options.ItemIdColumnName);
        writer.Write(Options.RatingColumnName);
        writer.Write(Options.OutputUserColumnName);
        writer.Write(Options.OutputRatingsColumnName);
        Users.Write(writer);
        Items.Write(writer);
    });

    internal static UserPivotTransformer Create(IHostEnvironment env, object context)
    {
        var access = new ModelLoadAccess(context, Version);
        var reader = access.Reader;
        var options = new UserPivotOptions
        {
            UserIdColumnName = reader.ReadString(),
            ItemIdColumnName = reader.ReadString(),
            RatingColumnName = reader.ReadString(),
            OutputUserColumnName = reader.ReadString(),
            OutputRatingsColumnName = reader.ReadString(),
        }.Validated();
        var users = KeyIndex.Read(reader, "user pivot: users");
        var items = KeyIndex.Read(reader, "user pivot: items");
        access.CheckFullyRead();
        return new UserPivotTransformer(options, users, items);
    }
}
