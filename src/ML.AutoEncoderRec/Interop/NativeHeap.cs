using System.Runtime.InteropServices;

namespace ML.AutoEncoderRec.Interop;

/// <summary>
/// Hands the memory glibc's allocator keeps after libtorch frees its large training buffers back to the system (Linux only).
/// </summary>
/// <remarks>
/// glibc serves a request of at least M_MMAP_THRESHOLD bytes with its own mmap, but the threshold is dynamic: every freed
/// mmapped block raises it to that block's size (up to 32 MiB). After the first training step the weight-sized buffers
/// (gradients, Adam temporaries: 9,559 × 512 floats ≈ 19 MiB for the reference network) come from the malloc arenas,
/// libtorch's intra-op threads spread them over several arenas, and the freed space is kept: the resident size grew by
/// about 0.5 GB per epoch for the reference configuration and 0.7 GB for Mult-DAE (24 GB and an out-of-memory kill for
/// <c>ae-mult</c>), although every tensor was disposed (the live tensor count stays flat).
/// <para>Fixing the threshold (<c>mallopt(M_MMAP_THRESHOLD, 128 KiB)</c>) keeps memory flat but maps and zero-fills
/// every large buffer afresh: the reference epoch took 1.5 s instead of 1.05 s. Calling <c>malloc_trim(0)</c> once per
/// epoch (<see cref="ReturnFreedMemory"/>) instead keeps the arenas' fast reuse inside an epoch and returns their free
/// pages between epochs: reference configuration 1.15 s per epoch and 754 MB peak over 12 epochs (3.2 GB after 6 epochs
/// without it); Mult-DAE on the random split 1.4 GB peak over 8 epochs (5.6 GB without). Elsewhere (Windows, macOS,
/// musl) nothing is done.</para>
/// </remarks>
internal static class NativeHeap
{
    private static readonly bool IsGlibc = OperatingSystem.IsLinux() && HasMallocTrim();

    /// <summary>Returns the allocator's free pages to the system (glibc's <c>malloc_trim(0)</c>); nothing where that does not exist.</summary>
    public static void ReturnFreedMemory()
    {
        if (IsGlibc) malloc_trim(0);
    }

    private static bool HasMallocTrim() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out _);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
