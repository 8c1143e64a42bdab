using System.Text.Json;
using System.Text.Json.Serialization;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>
/// Source-generated JSON for every body of the API (no reflection per request). Named floating-point literals are
/// read so that a rating of "NaN" reaches validation and is rejected with a message saying so.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(UserRecommendations))]
[JsonSerializable(typeof(NewUserRequest))]
[JsonSerializable(typeof(NewUserRecommendations))]
[JsonSerializable(typeof(ItemSearchResults))]
internal sealed partial class ServeJsonContext : JsonSerializerContext;
