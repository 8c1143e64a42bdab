namespace ML.AutoEncoderRec.Factorization;

/// <summary>
/// The fitted numbers of a matrix factorization: r̂(u, i) = μ + b_u + b_i + p_u·q_i (μ and the biases stay 0
/// without biases). Factors are row-major: user u's are <c>UserFactors[u·k .. u·k + k)</c>.
/// </summary>
internal sealed class FactorizationParameters
{
    public FactorizationParameters(int rank, bool useBiases, double lambda, float globalMean,
        float[] userBiases, float[] itemBiases, float[] userFactors, float[] itemFactors)
    {
        Rank = rank;
        UseBiases = useBiases;
        Lambda = lambda;
        GlobalMean = globalMean;
        UserBiases = userBiases;
        ItemBiases = itemBiases;
        UserFactors = userFactors;
        ItemFactors = itemFactors;
    }

    public int Rank { get; }

    public bool UseBiases { get; }

    public double Lambda { get; }

    public float GlobalMean { get; }

    public float[] UserBiases { get; }

    public float[] ItemBiases { get; }

    public float[] UserFactors { get; }

    public float[] ItemFactors { get; }

    public float Predict(int user, int item) => GlobalMean + UserBiases[user] + ItemBiases[item] +
        SgdFactorizer.Dot(UserFactors.AsSpan(user * Rank, Rank), ItemFactors.AsSpan(item * Rank, Rank));

    public void Write(BinaryWriter writer)
    {
        // Layout: rank, useBiases, lambda, μ, then user biases, item biases, user factors, item factors (counts implied by the vocabularies).
        writer.Write(Rank);
        writer.Write(UseBiases);
        writer.Write(Lambda);
        writer.Write(GlobalMean);
        foreach (var array in new[] { UserBiases, ItemBiases, UserFactors, ItemFactors })
            foreach (float v in array) writer.Write(v);
    }

    /// <exception cref="InvalidDataException">A value is out of range or not finite.</exception>
    public static FactorizationParameters Read(BinaryReader reader, int users, int items)
    {
        int rank = reader.ReadInt32();
        if (rank < 1 || (long)rank * Math.Max(users, items) > int.MaxValue)
            throw new InvalidDataException($"Matrix factorization: rank {rank} is not valid for {users} users and {items} items.");
        bool useBiases = reader.ReadBoolean();
        double lambda = reader.ReadDouble();
        if (!double.IsFinite(lambda) || lambda < 0) throw new InvalidDataException($"Matrix factorization: lambda {lambda} is not a finite number ≥ 0.");
        float mean = reader.ReadSingle();
        var userBiases = ReadFinite(reader, users, "user biases");
        var itemBiases = ReadFinite(reader, items, "item biases");
        var userFactors = ReadFinite(reader, users * rank, "user factors");
        var itemFactors = ReadFinite(reader, items * rank, "item factors");
        if (!float.IsFinite(mean)) throw new InvalidDataException($"Matrix factorization: global mean {mean} is not finite.");
        if (!useBiases && (mean != 0 || userBiases.Any(b => b != 0) || itemBiases.Any(b => b != 0)))
            throw new InvalidDataException("Matrix factorization: a model without biases holds a non-zero mean or bias (the stored values disagree with the user and item vocabularies, or were changed).");
        return new FactorizationParameters(rank, useBiases, lambda, mean, userBiases, itemBiases, userFactors, itemFactors);
    }

    private static float[] ReadFinite(BinaryReader reader, int count, string what)
    {
        var values = new float[count];
        for (int j = 0; j < count; j++)
        {
            values[j] = reader.ReadSingle();
            if (!float.IsFinite(values[j])) throw new InvalidDataException($"Matrix factorization: {what} hold the non-finite value {values[j]} at {j}.");
        }
        return values;
    }
}
