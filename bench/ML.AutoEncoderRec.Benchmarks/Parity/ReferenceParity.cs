using System.Globalization;
using ML.AutoEncoderRec.AutoEncoder.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Benchmarks.Parity;

/// <summary>
/// Replays the PyTorch reference's first training steps with this library's network, loss and optimizer, starting
/// from the reference's own initial weights, training matrix and user order (written by reference_steps.py), and
/// prints both losses per step. Equal losses mean the two implementations compute the same thing; the later drift
/// (the reference configuration is chaotic in its first epochs) comes from float rounding, not from the method.
/// </summary>
/// <remarks>Started by <c>bench/reference-parity/run.sh</c>, which writes DIR with <c>reference_steps.py</c> first.</remarks>
internal static class ReferenceParity
{
    /// <summary>Replays the steps in the directory <c>args[0]</c>; returns 0 when the first batch agrees to 1e-4.</summary>
    public static int Run(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: ML.AutoEncoderRec.Benchmarks parity DIR   (DIR written by reference_steps.py)");
            return 2;
        }
        string dir = args[0];
        var shape = File.ReadAllText(Path.Combine(dir, "shape.txt")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        int users = shape[0], items = shape[1];
        int[] layers = [items, 512, 512, 1024];
        var reference = File.ReadAllLines(Path.Combine(dir, "steps.tsv"))
            .Select(line => line.Split('\t').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

        torch.set_num_threads(2);
        using var ratings = tensor(ReadArray<float>(Path.Combine(dir, "ratings.bin")), [users, items]);
        var order = ReadArray<int>(Path.Combine(dir, "order.bin")).Select(v => (long)v).ToArray();
        using var model = new DeepAutoEncoder(layers, "relu", lastLayerActivation: false, isConstrained: true, dropout: 0, seed: 0);
        using (no_grad())
            for (int l = 0; l < layers.Length - 1; l++)
            {
                using var weight = tensor(ReadArray<float>(Path.Combine(dir, $"w{l}.bin")), [layers[l + 1], layers[l]]);
                model.EncoderWeight(l).copy_(weight);
            }
        using var optimizer = new FusedAdam(model.parameters(), learningRate: 0.001, weightDecay: 0);   // the training loop's Adam

        Console.WriteLine("batch  reference step  ours step      rel. diff   reference re-feed  ours re-feed   rel. diff");
        double firstDifference = 0;
        for (int b = 0; b < reference.Length; b++)
        {
            using var scope = NewDisposeScope();
            var x = ratings.index_select(0, tensor(order.Skip(b * 128).Take(128).ToArray()));
            var mask = MaskedMseLoss.Mask(x);
            optimizer.zero_grad();
            var y = model.forward(x);
            var loss = MaskedMseLoss.Compute(y, x, mask);
            loss.backward();
            optimizer.step();
            optimizer.zero_grad();
            var refeed = MaskedMseLoss.Compute(model.forward(y.detach()), x, mask);
            refeed.backward();
            optimizer.step();
            double ours = loss.item<float>(), oursRefeed = refeed.item<float>();
            double d1 = Math.Abs(ours - reference[b][0]) / reference[b][0], d2 = Math.Abs(oursRefeed - reference[b][1]) / reference[b][1];
            if (b == 0) firstDifference = Math.Max(d1, d2);
            Console.WriteLine($"{b,5}  {reference[b][0],14:F6}  {ours,12:F6}  {d1,10:E1}   {reference[b][1],16:F6}  {oursRefeed,12:F6}  {d2,10:E1}");
        }
        Console.WriteLine(firstDifference < 1e-4
            ? "The first batch agrees to 1e-4: same network, loss, re-feeding and Adam step."
            : $"The first batch differs by {firstDifference:E1} (> 1e-4): the implementations compute different things.");
        return firstDifference < 1e-4 ? 0 : 1;
    }

    private static T[] ReadArray<T>(string path) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(path);
        var values = new T[bytes.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
