using Microsoft.ML;
using ML.AutoEncoderRec.Interop;
using ML.AutoEncoderRec.Onnx;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec;

/// <summary>
/// The entry point of ML.AutoEncoderRec in an <see cref="MLContext"/>: <c>mlContext.AutoEncoderRec()</c>.
/// Transforms and trainers are extension methods on <see cref="Transforms"/> and <see cref="Trainers"/>.
/// </summary>
/// <remarks>
/// Creating the catalog registers this library's model loaders with the context's component catalog, which
/// <c>mlContext.Model.Load</c> needs: in a fresh <see cref="MLContext"/>, call <c>mlContext.AutoEncoderRec()</c>
/// once before <c>mlContext.Model.Load</c>, or load with <see cref="LoadModel(string, out DataViewSchema)"/>.
/// </remarks>
public sealed class AutoEncoderRecCatalog
{
    internal AutoEncoderRecCatalog(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        Context = mlContext;
        ComponentRegistration.Register(mlContext.ComponentCatalog);
        Transforms = new TransformCatalog(mlContext);
        Trainers = new TrainerCatalog(mlContext);
    }

    internal MLContext Context { get; }

    /// <summary>Data transforms (the user pivot).</summary>
    public TransformCatalog Transforms { get; }

    /// <summary>Recommender trainers.</summary>
    public TrainerCatalog Trainers { get; }

    /// <summary>Loads a model saved with <c>mlContext.Model.Save</c> (registration included).</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is damaged, was changed after it was saved, or is not an ML.AutoEncoderRec model; the message names the
    /// file and the cause, the inner exception is the one raised where the damage was found.
    /// </exception>
    /// <remarks>
    /// <c>mlContext.Model.Load</c> loads the same models but reports damage as whatever ML.NET or the loader raised
    /// (often an <see cref="InvalidOperationException"/> or <see cref="FormatException"/> around the real cause).
    /// </remarks>
    public ITransformer LoadModel(string path, out DataViewSchema inputSchema)
    {
        try { return Context.Model.Load(path, out inputSchema); }
        catch (Exception e) when (ModelDamage.IsDamage(e, path)) { throw ModelDamage.Describe($"Model file '{path}'", e); }
    }

    /// <summary>Loads a model saved with <c>mlContext.Model.Save</c> from a stream (registration included).</summary>
    /// <exception cref="InvalidDataException">The stream holds a damaged, changed or foreign model (see <see cref="LoadModel(string, out DataViewSchema)"/>).</exception>
    public ITransformer LoadModel(Stream stream, out DataViewSchema inputSchema)
    {
        try { return Context.Model.Load(stream, out inputSchema); }
        catch (Exception e) when (ModelDamage.IsDamage(e, null)) { throw ModelDamage.Describe("Model stream", e); }
    }

    /// <summary>
    /// Writes the autoencoder of <paramref name="model"/> (the model itself, or a chain ending in it, e.g.
    /// <c>PivotUsers → AutoEncoder</c>) to <paramref name="stream"/> as an ONNX graph: input the pivot's rating vectors
    /// (<c>Ratings</c>, [batch, items] in the model's item order), output <c>Score</c> ([batch, items]), the scores the
    /// model gives for pivoted input. Score it with ONNX Runtime, or in ML.NET with <c>ApplyOnnxModel</c>
    /// (Microsoft.ML.OnnxTransformer) after the fitted pivot.
    /// </summary>
    /// <remarks>
    /// Exported: user-based, non-residual autoencoders computed in float32 (any activation, tied or free decoder, masked
    /// MSE or multinomial, ensembles). <c>mlContext.Model.ConvertToOnnx</c> throws <see cref="NotSupportedException"/>
    /// on every ML.AutoEncoderRec model (ML.NET cannot see inside them).
    /// </remarks>
    /// <exception cref="NotSupportedException">
    /// The model's engine is not an autoencoder, or the autoencoder is item-based, residual or bfloat16 (the message says which).
    /// </exception>
    public void ExportOnnx(ITransformer model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        var engine = model as RecommenderTransformer ?? (model as IEnumerable<ITransformer>)?.LastOrDefault() as RecommenderTransformer
            ?? throw new NotSupportedException($"ExportOnnx needs a fitted ML.AutoEncoderRec model or a chain ending in one; got {model.GetType().Name}.");
        if (engine is not AutoEncoderTransformer autoEncoder)
            throw new NotSupportedException($"Only the autoencoder engine can be exported to ONNX; this is a {engine.EngineName} model.");
        var version = typeof(AutoEncoderRecCatalog).Assembly.GetName().Version?.ToString() ?? "0";
        AutoEncoderOnnx.Build(autoEncoder).WriteTo(stream, version);
    }

    /// <summary>Holder of the transform extension methods.</summary>
    public sealed class TransformCatalog
    {
        internal TransformCatalog(MLContext mlContext) => Context = mlContext;

        internal MLContext Context { get; }
    }

    /// <summary>Holder of the trainer extension methods.</summary>
    public sealed class TrainerCatalog
    {
        internal TrainerCatalog(MLContext mlContext) => Context = mlContext;

        internal MLContext Context { get; }
    }
}

/// <summary>Adds <c>AutoEncoderRec()</c> to <see cref="MLContext"/>.</summary>
public static class MLContextExtensions
{
    /// <summary>
    /// The ML.AutoEncoderRec catalog of this context. The first call registers the library's model loaders
    /// with the context (needed before <c>mlContext.Model.Load</c> of a model holding our transformers).
    /// </summary>
    public static AutoEncoderRecCatalog AutoEncoderRec(this MLContext mlContext) => new(mlContext);
}
