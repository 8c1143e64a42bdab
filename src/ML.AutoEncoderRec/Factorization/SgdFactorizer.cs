using System.Numerics;
using System.Runtime.InteropServices;

namespace ML.AutoEncoderRec.Factorization;

/// <summary>Fits the factors of <see cref="MatrixFactorizationEstimator"/> (square-loss regression) by stochastic gradient descent.</summary>
/// <remarks>
/// Objective: Σ over training ratings of (r − r̂)² + λ(|p_u|² + |q_i|² + b_u² + b_i²), each rating's update
/// regularizing the parameters it touches (so a user with n ratings is shrunk n·λ in total). Per rating, with
/// e = r − r̂: b_u += η_u(e − λb_u), b_i += η_i(e − λb_i), p_u += η_u(e·q_i − λp_u), q_i += η_i(e·p_u − λq_i) (old p_u).
/// Constant step: η_u = η_i = η. Adaptive step (LIBMF's schedule, Chin et al. 2015): η_u = η/√G_u and η_i = η/√G_i,
/// where G starts at 1 and adds the mean square of the factor gradient (e·q_i − λp_u)/k of each of its updates.
/// Non-negative factors are clamped at 0 after every update. Start: μ = mean training rating and zero biases; factors
/// ~ N(0, 0.1²) with biases (their absolute values when non-negative), else uniform on [0, 2√(μ/k)) so that p·q starts
/// near μ. Every pass visits the ratings in a fresh seeded shuffle.
/// </remarks>
internal static class SgdFactorizer
{
    private const double InitialStandardDeviation = 0.1;

    public static FactorizationParameters Fit(RatingMatrix train, MatrixFactorizationOptions options, int seed,
        out IReadOnlyList<MatrixFactorizationIteration> history)
    {
        int k = options.ApproximationRank, nnz = train.NonZeroCount;
        var users = new int[nnz];
        for (int u = 0; u < train.RowCount; u++) users.AsSpan(train.RowPointers[u], train.RowPointers[u + 1] - train.RowPointers[u]).Fill(u);
        var items = train.ColumnIndices;
        var ratings = train.Values;
        double mean = ratings.Average(r => (double)r);

        var random = new Random(seed);
        var p = new float[train.RowCount * k];
        var q = new float[train.ColumnCount * k];
        if (options.UseBiases)
        {
            FillNormal(p, random, options.NonNegative);
            FillNormal(q, random, options.NonNegative);
        }
        else
        {
            float top = (float)(2 * Math.Sqrt(mean / k));
            foreach (var factors in new[] { p, q })
                for (int j = 0; j < factors.Length; j++) factors[j] = top * random.NextSingle();
        }
        var model = new FactorizationParameters(k, options.UseBiases, options.Lambda, options.UseBiases ? (float)mean : 0f,
            new float[train.RowCount], new float[train.ColumnCount], p, q);

        var validation = options.ValidationData is { } table ? ValidationPairs(table, train) : null;
        var order = Enumerable.Range(0, nnz).ToArray();
        var passes = new List<MatrixFactorizationIteration>();
        float rate = (float)options.LearningRate, lambda = (float)options.Lambda;
        var steps = new SgdSteps(rate, lambda, options.NonNegative,
            options.AdaptiveLearningRate ? Ones(train.RowCount) : null, options.AdaptiveLearningRate ? Ones(train.ColumnCount) : null);
        int threads = Math.Min(options.NumberOfThreads ?? Environment.ProcessorCount, Math.Max(1, nnz));
        for (int pass = 1; pass <= options.NumberOfIterations; pass++)
        {
            random.Shuffle(order);
            double squaredErrors;
            if (threads == 1) squaredErrors = Sweep(model, order, users, items, ratings, steps);
            else
            {
                var partial = new double[threads];
                int chunk = (nnz + threads - 1) / threads;
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    int start = Math.Min(nnz, t * chunk), end = Math.Min(nnz, start + chunk);
                    partial[t] = Sweep(model, order.AsSpan(start, end - start), users, items, ratings, steps);
                });
                squaredErrors = partial.Sum();
            }
            if (!double.IsFinite(squaredErrors))
                throw new InvalidOperationException($"Matrix factorization diverged at iteration {pass} (learning rate {options.LearningRate} is too large for these ratings).");
            var iteration = new MatrixFactorizationIteration(pass, Math.Sqrt(squaredErrors / nnz), validation is { } v ? Rmse(model, v) : null);
            passes.Add(iteration);
            options.Progress?.Report(iteration);
        }
        history = passes;
        return model;
    }

    /// <summary>The step settings of a fit: η, λ, non-negativity, and LIBMF's step accumulators G (null: constant step).</summary>
    private sealed record SgdSteps(float Rate, float Lambda, bool NonNegative, float[]? UserG, float[]? ItemG);

    private static double Sweep(FactorizationParameters model, ReadOnlySpan<int> order, int[] users, int[] items, float[] ratings, SgdSteps steps)
    {
        int k = model.Rank;
        float rate = steps.Rate, lambda = steps.Lambda;
        double squaredErrors = 0;
        foreach (int at in order)
        {
            int u = users[at], i = items[at];
            var pu = model.UserFactors.AsSpan(u * k, k);
            var qi = model.ItemFactors.AsSpan(i * k, k);
            float error = ratings[at] - (model.GlobalMean + model.UserBiases[u] + model.ItemBiases[i] + Dot(pu, qi));
            squaredErrors += (double)error * error;
            if (steps.UserG is { } userG && steps.ItemG is { } itemG)
            {
                AdaptiveUpdate(model, u, i, pu, qi, error, steps, ref userG[u], ref itemG[i]);
                continue;
            }
            if (model.UseBiases)
            {
                model.UserBiases[u] += rate * (error - lambda * model.UserBiases[u]);
                model.ItemBiases[i] += rate * (error - lambda * model.ItemBiases[i]);
            }
            Update(pu, qi, rate * error, 1 - rate * lambda);
            if (steps.NonNegative) ClampAtZero(pu, qi);
        }
        return squaredErrors;
    }

    /// <summary>One rating's update with LIBMF's per-user and per-item steps η/√G, then G += mean squared factor gradient.</summary>
    private static void AdaptiveUpdate(FactorizationParameters model, int u, int i, Span<float> pu, Span<float> qi, float error, SgdSteps steps,
        ref float userG, ref float itemG)
    {
        float lambda = steps.Lambda;
        float userRate = steps.Rate / MathF.Sqrt(userG), itemRate = steps.Rate / MathF.Sqrt(itemG);
        if (model.UseBiases)
        {
            model.UserBiases[u] += userRate * (error - lambda * model.UserBiases[u]);
            model.ItemBiases[i] += itemRate * (error - lambda * model.ItemBiases[i]);
        }
        float userSquares = 0, itemSquares = 0;
        for (int f = 0; f < pu.Length; f++)
        {
            float p = pu[f], q = qi[f];
            float userGradient = lambda * p - error * q, itemGradient = lambda * q - error * p;
            userSquares += userGradient * userGradient;
            itemSquares += itemGradient * itemGradient;
            pu[f] = p - userRate * userGradient;
            qi[f] = q - itemRate * itemGradient;
        }
        if (steps.NonNegative) ClampAtZero(pu, qi);
        userG += userSquares / pu.Length;
        itemG += itemSquares / pu.Length;
    }

    private static void ClampAtZero(Span<float> pu, Span<float> qi)
    {
        for (int f = 0; f < pu.Length; f++)
        {
            pu[f] = MathF.Max(pu[f], 0);
            qi[f] = MathF.Max(qi[f], 0);
        }
    }

    private static float[] Ones(int count)
    {
        var values = new float[count];
        values.AsSpan().Fill(1);
        return values;
    }

    /// <summary>p ← shrink·p + step·q and q ← shrink·q + step·p_old, vectorized.</summary>
    private static void Update(Span<float> p, Span<float> q, float step, float shrink)
    {
        int f = 0;
        if (Vector.IsHardwareAccelerated && p.Length >= Vector<float>.Count)
        {
            var pv = MemoryMarshal.Cast<float, Vector<float>>(p);
            var qv = MemoryMarshal.Cast<float, Vector<float>>(q);
            for (int j = 0; j < pv.Length; j++)
            {
                var oldP = pv[j];
                pv[j] = shrink * oldP + step * qv[j];
                qv[j] = shrink * qv[j] + step * oldP;
            }
            f = pv.Length * Vector<float>.Count;
        }
        for (; f < p.Length; f++)
        {
            float oldP = p[f];
            p[f] = shrink * oldP + step * q[f];
            q[f] = shrink * q[f] + step * oldP;
        }
    }

    /// <summary>Σ a_f·b_f, vectorized.</summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        int f = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var av = MemoryMarshal.Cast<float, Vector<float>>(a);
            var bv = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (int j = 0; j < av.Length; j++) acc += av[j] * bv[j];
            sum = Vector.Sum(acc);
            f = av.Length * Vector<float>.Count;
        }
        for (; f < a.Length; f++) sum += a[f] * b[f];
        return sum;
    }

    internal static (int User, int Item, float Rating)[] ValidationPairs(RatingTable table, RatingMatrix train)
    {
        var pairs = new List<(int, int, float)>(table.Count);
        for (int r = 0; r < table.Count; r++)
        {
            int u = train.Users.IndexOf(table.UserIds[r]), i = train.Items.IndexOf(table.ItemIds[r]);
            if (u >= 0 && i >= 0) pairs.Add((u, i, table.Ratings[r]));
        }
        return pairs.ToArray();
    }

    internal static double? Rmse(FactorizationParameters model, (int User, int Item, float Rating)[] pairs)
    {
        if (pairs.Length == 0) return null;
        double sum = 0;
        foreach (var (u, i, r) in pairs)
        {
            double e = r - model.Predict(u, i);
            sum += e * e;
        }
        return Math.Sqrt(sum / pairs.Length);
    }

    private static void FillNormal(float[] values, Random random, bool nonNegative)
    {
        for (int j = 0; j < values.Length; j++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            values[j] = (float)(InitialStandardDeviation * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            if (nonNegative) values[j] = MathF.Abs(values[j]);
        }
    }
}
