using System.Reflection;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Interop;

/// <summary>
/// Reflection look-ups of ML.NET internals with one clear error when the installed Microsoft.ML differs
/// from the version this library was built and tested against (6.0.0).
/// </summary>
internal static class MlNetInternals
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Assembly Core = typeof(ModelSaveContext).Assembly;

    public static Type GetType(string fullName) =>
        Core.GetType(fullName) ?? throw Mismatch($"type {fullName}");

    public static ConstructorInfo GetConstructor(Type type, params Type[] parameters) =>
        type.GetConstructor(Any, null, parameters, null) ?? throw Mismatch($"constructor of {type.Name}");

    public static MethodInfo GetMethod(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, Any, null, parameters, null) ?? throw Mismatch($"method {type.Name}.{name}");

    public static FieldInfo GetField(Type type, string name) =>
        type.GetField(name, Any) ?? throw Mismatch($"field {type.Name}.{name}");

    public static PropertyInfo GetProperty(Type type, string name) =>
        type.GetProperty(name, Any) ?? throw Mismatch($"property {type.Name}.{name}");

    /// <summary>Invokes <paramref name="method"/>, rethrowing the exception it raised rather than a wrapper.</summary>
    public static object? Invoke(MethodBase method, object? target, params object?[] arguments)
    {
        try
        {
            return method is ConstructorInfo constructor ? constructor.Invoke(arguments) : method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static InvalidOperationException Mismatch(string what) => new(
        $"ML.AutoEncoderRec was built against Microsoft.ML 6.0.0: the loaded Microsoft.ML ({Core.GetName().Version}) has no {what}.");
}
