using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec.Interop;

/// <summary>
/// Registers every <see cref="ModelLoaderAttribute"/> type of this assembly in an <see cref="MLContext"/>'s
/// component catalog, so that <c>mlContext.Model.Load</c> can find their loaders. ML.NET registers its own
/// components through an internal attribute; a third-party assembly must add them itself, once per context.
/// </summary>
internal static class ComponentRegistration
{
    private static readonly Type CatalogType = typeof(ComponentCatalog);
    private static readonly Type LoadableClassAttributeType = MlNetInternals.GetType("Microsoft.ML.LoadableClassAttribute");
    private static readonly Type ClassInfoType = MlNetInternals.GetType("Microsoft.ML.Runtime.ComponentCatalog+LoadableClassInfo");
    private static readonly Type LoadableClassAttributeBaseType = MlNetInternals.GetType("Microsoft.ML.LoadableClassAttributeBase");
    private static readonly Type SignatureLoadModelType = MlNetInternals.GetType("Microsoft.ML.SignatureLoadModel");

    private static readonly ConstructorInfo AttributeConstructor = MlNetInternals.GetConstructor(LoadableClassAttributeType,
        typeof(Type), typeof(Type), typeof(Type), typeof(Type), typeof(string), typeof(string[]));
    private static readonly ConstructorInfo ClassInfoConstructor = MlNetInternals.GetConstructor(ClassInfoType,
        LoadableClassAttributeBaseType, typeof(MethodInfo), typeof(ConstructorInfo), typeof(MethodInfo), typeof(bool));
    private static readonly MethodInfo AddClassMethod = MlNetInternals.GetMethod(CatalogType, "AddClass",
        ClassInfoType, typeof(string[]), typeof(bool));
    private static readonly FieldInfo LockField = MlNetInternals.GetField(CatalogType, "_lock");

    private static readonly (Type Type, string Signature, MethodInfo Create)[] Loaders = FindLoaders();

    private static readonly ConditionalWeakTable<ComponentCatalog, object> Registered = new();

    /// <summary>Registers the loaders in <paramref name="catalog"/>; repeated calls are no-ops.</summary>
    public static void Register(ComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        lock (LockField.GetValue(catalog)!)
        {
            if (Registered.TryGetValue(catalog, out _)) return;
            foreach (var (type, signature, create) in Loaders)
            {
                object attribute = MlNetInternals.Invoke(AttributeConstructor, null,
                    type, type, null, SignatureLoadModelType, type.Name, new[] { signature })!;
                object info = MlNetInternals.Invoke(ClassInfoConstructor, null, attribute, null, null, create, true)!;
                MlNetInternals.Invoke(AddClassMethod, catalog, info, new[] { signature }, false);
            }
            Registered.Add(catalog, new object());
        }
    }

    /// <summary>Whether <see cref="Register"/> ran for <paramref name="catalog"/>.</summary>
    public static bool IsRegistered(ComponentCatalog catalog) => Registered.TryGetValue(catalog, out _);

    private static (Type, string, MethodInfo)[] FindLoaders() =>
        typeof(ComponentRegistration).Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<ModelLoaderAttribute>()))
            .Where(x => x.Attribute != null)
            .Select(x => (x.Type, x.Attribute!.LoaderSignature,
                x.Type.GetMethod("Create", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, null,
                    [typeof(IHostEnvironment), typeof(object)], null)
                ?? throw new InvalidOperationException($"{x.Type.Name} has no static Create(IHostEnvironment, object) loader.")))
            .ToArray();
}
