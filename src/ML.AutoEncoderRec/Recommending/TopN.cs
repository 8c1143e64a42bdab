namespace ML.AutoEncoderRec.Recommending;

/// <summary>Selection of the highest scores without sorting every item.</summary>
internal static class TopN
{
    /// <summary>
    /// Indices of the <paramref name="count"/> highest finite scores, best first (ties: lower index first),
    /// skipping indices for which <paramref name="exclude"/> is true. O(items · log count).
    /// </summary>
    public static int[] Select(ReadOnlySpan<float> scores, int count, Func<int, bool>? exclude = null)
    {
        if (count <= 0) return [];
        // Min-heap of (score, index) ordered worst first: lower score, or equal score and higher index.
        var heap = new PriorityQueue<int, (float Score, int Index)>(count + 1, WorstFirst.Instance);
        for (int i = 0; i < scores.Length; i++)
        {
            float s = scores[i];
            if (!float.IsFinite(s) || (exclude != null && exclude(i))) continue;
            if (heap.Count < count) heap.Enqueue(i, (s, i));
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((s, i), worst) > 0)
                heap.EnqueueDequeue(i, (s, i));
        }
        var result = new int[heap.Count];
        for (int k = result.Length - 1; k >= 0; k--) result[k] = heap.Dequeue();
        return result;
    }

    private sealed class WorstFirst : IComparer<(float Score, int Index)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Index) a, (float Score, int Index) b)
        {
            int byScore = a.Score.CompareTo(b.Score);
            return byScore != 0 ? byScore : b.Index.CompareTo(a.Index);
        }
    }
}
