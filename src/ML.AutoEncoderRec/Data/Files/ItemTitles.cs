using System.Diagnostics.CodeAnalysis;
using ML.AutoEncoderRec.Data.Files;

namespace ML.AutoEncoderRec;

/// <summary>Item titles by original item id, e.g. from MovieLens <c>movies.csv</c> or ml-100k <c>u.item</c>.</summary>
public sealed class ItemTitles
{
    private readonly Dictionary<int, string> _titles;

    internal ItemTitles(string source, Dictionary<int, string> titles)
    {
        Source = source;
        _titles = titles;
    }

    /// <summary>The file the titles came from.</summary>
    public string Source { get; }

    /// <summary>Number of titled items.</summary>
    public int Count => _titles.Count;

    /// <summary>
    /// Reads titles from <paramref name="path"/>: MovieLens CSV (<c>movieId,title,genres</c>, UTF-8, RFC 4180 quoting)
    /// or the ml-100k pipe layout (<c>id|title|date|…</c>, Latin-1), picked by extension (<c>.csv</c> / <c>.item</c>),
    /// otherwise by the first line (a '|' means the pipe layout).
    /// </summary>
    /// <exception cref="DataFileException">A line is malformed or repeats an item id; the file has no titles.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist or is a folder.</exception>
    public static ItemTitles Load(string path) => ItemTitlesReader.Read(path);

    /// <summary>The title of <paramref name="itemId"/>, if known.</summary>
    public bool TryGetTitle(int itemId, [MaybeNullWhen(false)] out string title) => _titles.TryGetValue(itemId, out title);
}
