using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

public class PorterStemmerTests
{
    [Fact]
    public void Porter_stemmer_matches_reference_examples()
    {
        PorterStemmer.Stem("caresses").ShouldBe("caress");
        PorterStemmer.Stem("ponies").ShouldBe("poni");
        PorterStemmer.Stem("relational").ShouldBe("relat");
        PorterStemmer.Stem("hopping").ShouldBe("hop");
        PorterStemmer.Stem("generalization").ShouldBe("gener");
        PorterStemmer.Stem("aeroelastic").ShouldBe("aeroelast");
    }

    /// <summary>Porter's published vocabulary and output (PorterVocabulary.tsv): every word must give its published stem.</summary>
    [Fact]
    public void Porter_stemmer_gives_the_published_stems_of_the_reference_vocabulary()
    {
        var pairs = ReadVocabulary();
        pairs.Count.ShouldBeGreaterThanOrEqualTo(400);
        var wrong = pairs.Where(p => PorterStemmer.Stem(p.Word) != p.Stem)
            .Select(p => $"{p.Word}: {PorterStemmer.Stem(p.Word)} (published {p.Stem})").ToList();
        wrong.ShouldBeEmpty();
    }

    private static List<(string Word, string Stem)> ReadVocabulary()
    {
        var pairs = new List<(string Word, string Stem)>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "PorterVocabulary.tsv")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            cells.Length.ShouldBe(2, line);
            pairs.Add((cells[0], cells[1]));
        }

        return pairs;
    }
}
