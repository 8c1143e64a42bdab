using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.Data.Pivot;
using ML.AutoEncoderRec.DataView;
using ML.AutoEncoderRec.Interop;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec;

/// <summary>
/// The fitted user pivot: the (user, item, rating) rows it was fitted on, pivoted into one sparse rating vector per user
/// (<see cref="TrainRatings"/>). A row-to-row transform: <see cref="Transform"/> appends to every input row its user's
/// key and training rating vector, so a chain <c>PivotUsers → engine</c> scores each (user, item) row like any ML.NET
/// model (<c>Transform</c>, <c>PredictionEngine</c>, <c>CrossValidate</c>). <see cref="Pivot"/> turns other rating rows
/// into one row per user instead.
/// </summary>
/// <remarks>
/// Output of <see cref="Transform"/>: the input columns, then the user key (<c>Key&lt;UInt32&gt;</c> over
/// <see cref="Users"/>, <c>KeyValues</c> = original user ids; 0 for a user unknown at fit time) and the rating vector
/// (<c>Vector&lt;Single&gt;</c> over <see cref="Items"/>, sparse, <c>SlotNames</c> = original item ids; empty for an
/// unknown user). Only the user id column is read; an input column with an output's name is hidden. Fitting an engine on
/// the <c>Transform</c> of the very data the pivot was fitted on (what <c>EstimatorChain.Fit</c> does) hands the engine
/// <see cref="TrainRatings"/> without reading the rows again.
/// </remarks>
[ModelLoader(LoaderSignature)]
public sealed class UserPivotTransformer : ITransformer
{
    internal const string LoaderSignature = "AutoEncoderRec.UserPivot";

    // 0x00010002: the training ratings in the side stream "TrainRatings.bin" (row-to-row scoring maps each user to them).
    private const uint TrainRatingsVersion = 0x00010002;
    private const uint VocabulariesOnly = 0x00010001;
    private static readonly ModelVersion Version = new("AERPIVOT", TrainRatingsVersion, TrainRatingsVersion, VocabulariesOnly, LoaderSignature);
    private static readonly ModelVersion VocabulariesOnlyVersion = new("AERPIVOT", VocabulariesOnly, VocabulariesOnly, VocabulariesOnly, LoaderSignature);

    private readonly WeakReference<IDataView>? _fittedOn;

    internal UserPivotTransformer(UserPivotOptions options, RatingMatrix trainRatings, IDataView? fittedOn)
        : this(options, trainRatings.Users, trainRatings.Items, trainRatings)
    {
        _fittedOn = fittedOn == null ? null : new WeakReference<IDataView>(fittedOn);
    }

    private UserPivotTransformer(UserPivotOptions options, KeyIndex users, KeyIndex items, RatingMatrix? trainRatings)
    {
        Options = options;
        Users = users;
        Items = items;
        TrainRatings = trainRatings;
    }

    /// <summary>The column names.</summary>
    public UserPivotOptions Options { get; }

    /// <summary>Users seen at fit time (their keys are index + 1).</summary>
    public KeyIndex Users { get; }

    /// <summary>Items seen at fit time: the positions of the rating vector.</summary>
    public KeyIndex Items { get; }

    /// <summary>
    /// The ratings the pivot was fitted on, one row per user of <see cref="Users"/>; null for a pivot saved by an earlier
    /// version without them (it can <see cref="Pivot"/> but not <see cref="Transform"/>).
    /// </summary>
    public RatingMatrix? TrainRatings { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => TrainRatings != null;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The user id column is missing or holds no integer ids.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateMapper(inputSchema).OutputSchema;

    /// <summary>Appends each input row's user key and training rating vector (lazily; same rows, same order).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The user id column is missing or holds no integer ids.</exception>
    /// <exception cref="NotSupportedException">Called by <c>mlContext.Model.ConvertToOnnx</c> (use <see cref="AutoEncoderRecCatalog.ExportOnnx"/>).</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OnnxConversionGuard.ThrowIfConverting("the user pivot");
        bool fittedOn = _fittedOn != null && _fittedOn.TryGetTarget(out var data) && ReferenceEquals(data, input);
        return new UserRatingsRowsDataView(input, CreateMapper(input.Schema), Options, fittedOn ? TrainRatings : null);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => CreateMapper(inputSchema);

    /// <summary>Pivots <paramref name="input"/> into one row per user (read eagerly, so errors surface here).</summary>
    /// <remarks>Ratings of items unknown at fit time are ignored and counted in <see cref="PivotedRatingsDataView.Report"/>.</remarks>
    /// <exception cref="InvalidDataException">A bad id or rating, or a (user, item) pair rated twice.</exception>
    public PivotedRatingsDataView Pivot(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var table = DataViewRatings.ReadTable(input, Options.InputColumns(), "pivot input");
        var matrix = RatingMatrix.FromTable(table, users: null, Items, out int unknownItems);
        int unknownUsers = 0;
        foreach (int id in matrix.Users.Ids) if (!Users.Contains(id)) unknownUsers++;
        var report = new PivotReport(table.Count, matrix.RowCount, unknownUsers, unknownItems);
        return new PivotedRatingsDataView(matrix, Users, Options.OutputUserColumnName, Options.OutputRatingsColumnName, report);
    }

    private AppendedColumnsMapper CreateMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var train = TrainRatings ?? throw new InvalidOperationException(
            "This user pivot was saved by an earlier version of ML.AutoEncoderRec without its training ratings, so it cannot map rows " +
            "to them: pivot data with its Pivot method, or fit the pipeline again and save it.");
        var column = inputSchema.GetColumnOrNull(Options.UserIdColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The user id column '{Options.UserIdColumnName}' is not in the input " +
                $"(columns: {string.Join(", ", inputSchema.Where(c => !c.IsHidden).Select(c => c.Name))}); the pivot maps each row's user to their training ratings.");
        var ids = IdColumn.Of(column, "user id");
        return new AppendedColumnsMapper(inputSchema, [column.Index],
            new OutputColumn(Options.OutputUserColumnName, PivotedRatingsDataView.UserKeyType(Users), row => KeyGetter(ids, row),
                PivotedRatingsDataView.UserKeyAnnotations(Users)),
            new OutputColumn(Options.OutputRatingsColumnName, PivotedRatingsDataView.RatingsType(Items), row => RatingsGetter(train, ids, row),
                PivotedRatingsDataView.RatingsAnnotations(Items)));
    }


    private ValueGetter<uint> KeyGetter(IdColumn ids, DataViewRow row)
    {
        var user = ids.IndexGetter(row, Users);
        return (ref uint key) => key = (uint)(user() + 1);
    }

    private ValueGetter<VBuffer<float>> RatingsGetter(RatingMatrix train, IdColumn ids, DataViewRow row)
    {
        var user = ids.IndexGetter(row, Users);
        return (ref VBuffer<float> ratings) =>
        {
            int u = user();
            if (u >= 0) PivotedRatingsDataView.CopyRow(train, u, ref ratings);
            else ratings = VBufferEditor.Create(ref ratings, train.ColumnCount, 0).Commit();
        };
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        // Layout: 5 column names (string); the user and item vocabularies and the ratings are in TrainRatings.bin.
        // Layout 0x00010001 (a pivot loaded from it is saved in it again): the column names, then user ids (KeyIndex) and
        // item ids (KeyIndex); no side stream.
        Action<BinaryWriter> columns = writer =>
        {
            writer.Write(Options.UserIdColumnName);
            writer.Write(Options.ItemIdColumnName);
            writer.Write(Options.RatingColumnName);
            writer.Write(Options.OutputUserColumnName);
            writer.Write(Options.OutputRatingsColumnName);
        };
        if (TrainRatings is { } train)
            ModelSaveAccess.Save(ctx, Version, columns, [("TrainRatings.bin", train.Write), .. RecommenderTransformer.IdTextsStreams(train)]);
        else ModelSaveAccess.Save(ctx, VocabulariesOnlyVersion, writer => { columns(writer); Users.Write(writer); Items.Write(writer); });
    }

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
        if (access.VersionWritten < TrainRatingsVersion)
        {
            var users = KeyIndex.Read(reader, "user pivot: users");
            var items = KeyIndex.Read(reader, "user pivot: items");
            access.CheckFullyRead();
            return new UserPivotTransformer(options, users, items, null);
        }
        access.CheckFullyRead();
        var train = access.ReadSideStream("TrainRatings.bin", r => RatingMatrix.Read(r, "user pivot: training ratings"));
        if (access.HasSideStream(RecommenderTransformer.IdTextsStream))
            train = access.ReadSideStream(RecommenderTransformer.IdTextsStream, r => train.ReadIdTexts(r, "user pivot: training ratings"));
        return new UserPivotTransformer(options, train, fittedOn: null);
    }
}
