using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>
/// A <see cref="ModelDescription"/> as JSON: its properties in snake_case (a digit run is a word of its own: Sigma1 →
/// sigma_1), enums by the names the command line uses (relu, user-mean, item, mse; precisions as declared).
/// </summary>
internal static partial class ModelDescriptionJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = new SnakeCase(),
        Converters =
        {
            new EnumNames<Activation>(Activations.NameOf),
            new EnumNames<AutoEncoderOrientation>(o => o == AutoEncoderOrientation.ItemBased ? "item" : "user"),
            new EnumNames<AutoEncoderLoss>(l => l == AutoEncoderLoss.Multinomial ? "multinomial" : "mse"),
            new EnumNames<ComputePrecision>(p => p.ToString()),
            new EnumNames<SvdCentering>(c => c == SvdCentering.UserMean ? "user-mean" : "none"),
        },
    };

    /// <summary>The properties of <paramref name="description"/> but its engine (which the caller states on its own).</summary>
    public static JsonElement Details(ModelDescription description)
    {
        var node = JsonSerializer.SerializeToNode(description, description.GetType(), Options)!.AsObject();
        node.Remove("engine");
        return JsonSerializer.SerializeToElement(node);
    }

    private sealed partial class SnakeCase : JsonNamingPolicy
    {
        public override string ConvertName(string name) => LetterThenDigit().Replace(SnakeCaseLower.ConvertName(name), "_");

        [GeneratedRegex("(?<=[a-z])(?=[0-9])")]
        private static partial Regex LetterThenDigit();
    }

    /// <summary>Writes an enum as the name <paramref name="name"/> gives it (descriptions are only written).</summary>
    private sealed class EnumNames<T>(Func<T, string> name) : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException($"{typeof(T).Name} is not read from JSON.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(name(value));
    }
}
