using System.Runtime.InteropServices;

namespace ML.AutoEncoderRec.AutoEncoder;

/// <summary>
/// Keeps glibc's allocator from holding on to the large buffers libtorch frees during training (Linux only).
/// </summary>
/// <remarks>
/// glibc serves a request of at least M_MMAP_THRESHOLD bytes with its own mmap and unmaps it on free; but by default the
/// threshold is dynamic: every freed mmapped block raises it to that block's size (up to 32 MiB on 64-bit). After the
/// first training step the weight-sized buffers of a wide network (gradients, Adam temporaries: 9724 × 600 floats ≈ 23 MiB
/// for Mult-DAE on ml-latest-small) therefore come from the malloc arenas instead, whose freed middle parts are not
/// returned, and libtorch's intra-op threads spread them over several arenas: the process grew by about 1 GB per epoch
/// (24 GB and an out-of-memory kill for <c>ae-mult</c>) although every tensor was disposed (the live tensor count stayed
/// flat). Fixing the threshold at glibc's own starting value, 128 KiB (<c>mallopt(M_MMAP_THRESHOLD, 131072)</c>, which
/// also turns the dynamic adjustment off), keeps the resident size flat. The setting is process-wide and harmless for
/// the rest of the process (large blocks are mmapped, as glibc does before its first adjustment). Elsewhere (Windows,
/// macOS, musl) nothing is done.
/// </remarks>
internal static class NativeHeap
{
    /// <summary>glibc's M_MMAP_THRESHOLD parameter number of <c>mallopt</c>.</summary>
    private const int MmapThresholdParameter = -3;

    /// <summary>The fixed threshold: glibc's default starting value.</summary>
    public const int MmapThreshold = 128 * 1024;

    private static readonly Lazy<bool> Applied = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Fixes glibc's mmap threshold once per process; true when it is in effect (glibc on Linux).</summary>
    public static bool ReturnLargeBlocksToTheSystem() => Applied.Value;

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MmapThresholdParameter, MmapThreshold) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // not glibc
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
