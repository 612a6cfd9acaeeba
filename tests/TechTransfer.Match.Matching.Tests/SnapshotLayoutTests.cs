using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

/// <summary>
/// Snapshot format 5 stores each kind's index as laid out (slots with tombstones, norms, bulk and incremental
/// postings): a load gives back the same index slot for slot, not a re-layout of the live listings.
/// </summary>
public class SnapshotLayoutTests
{
    private static MatchingOptions Options(double keepShare = 0.02)
    {
        var o = new MatchingOptions
        {
            RefitGrowthRatio = 0, MaxTop = 1000, MatchCandidateMinPostings = 0, MatchCandidateMaxDf = 0.05,
            PrunedFeatureKeepShare = keepShare, PrunedFeatureMinKeep = 0,
        };
        o.Text.FeedbackDocuments = 0;
        return o;
    }

    private static MatchingEngine Reload(MatchingEngine e, MatchingOptions o)
    {
        using var ms = new MemoryStream();
        e.SaveSnapshot(ms);
        ms.Position = 0;
        return MatchingEngine.LoadSnapshot(ms, o);
    }

    /// <summary>A pruned index with upserts (incremental postings), a replacement and a removal (tombstones).</summary>
    private static (MatchingEngine Engine, List<ListingDocument> Docs) Churned()
    {
        var docs = Corpus.Synthetic(400, seed: 11);
        var e = new MatchingEngine(Options());
        e.Rebuild(docs);
        var need = docs.First(d => d.Kind == ListingKind.Need);
        e.Upsert(need with { Id = Corpus.Id(90_001), Kind = ListingKind.Achievement }); // incremental postings
        var replaced = docs.First(d => d.Kind == ListingKind.Achievement);
        e.Upsert(replaced with { Title = replaced.Title + " 激光焊接" }); // tombstone + new slot
        e.Remove(docs.Last(d => d.Kind == ListingKind.Achievement).Id); // tombstone
        return (e, docs);
    }

    [Fact]
    public void A_loaded_snapshot_holds_the_same_index_slot_for_slot()
    {
        var (e, docs) = Churned();
        using var _ = e;
        e.State.Kinds[0].PostingsByTerm.Count.ShouldBeGreaterThan(0);
        e.State.Kinds[0].Slots.Count(s => s == null).ShouldBe(2);
        e.State.Kinds.Sum(k => k.PrunedTerms).ShouldBeGreaterThan(0);

        using var loaded = Reload(e, Options());
        for (var k = 0; k < 2; k++)
        {
            var (a, b) = (e.State.Kinds[k], loaded.State.Kinds[k]);
            b.Slots.Select(s => s?.Meta.Id).ShouldBe(a.Slots.Select(s => s?.Meta.Id));
            b.Slots.Select(s => s == null ? null : s.Packed.ToArray()).ShouldBe(a.Slots.Select(s => s == null ? null : s.Packed.ToArray()));
            b.Slots.Where(s => s != null).Select(s => s!.Meta.Kind).ShouldAllBe(kind => (int)kind == k);
            // a tombstone's norm is not kept: nothing reads it
            LiveNorms(b).ShouldBe(LiveNorms(a));
            b.CsrStarts.ShouldBe(a.CsrStarts);
            b.CsrData.ToArray().ShouldBe(a.CsrData.ToArray());
            b.PrunedTerms.ShouldBe(a.PrunedTerms);
            b.AverageNorm.ShouldBe(a.AverageNorm, 1e-12);
            b.Live.ShouldBe(a.Live);
            b.PostingsByTerm.Keys.Order().ShouldBe(a.PostingsByTerm.Keys.Order());
            foreach (var (term, p) in a.PostingsByTerm)
            {
                b.PostingsByTerm[term].Docs.Take(p.Count).ShouldBe(p.Docs.Take(p.Count));
                b.PostingsByTerm[term].Weights.Take(p.Count).ShouldBe(p.Weights.Take(p.Count));
            }
        }

        foreach (var need in docs.Where(d => d.Kind == ListingKind.Need).Take(15).Append(docs.First(d => d.Kind == ListingKind.Need)))
        {
            loaded.FindMatches(need.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score))
                .ShouldBe(e.FindMatches(need.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)));
        }

        loaded.Search("激光焊接", ListingKind.Achievement, 10).ShouldBe(e.Search("激光焊接", ListingKind.Achievement, 10));
        loaded.ListingIds().Order().ShouldBe(e.ListingIds().Order());
    }

    private static double[] LiveNorms(KindIndex k) => k.Slots.Select((s, i) => s == null ? -1 : k.Norms[i]).ToArray();

    [Fact]
    public void A_loaded_snapshot_keeps_taking_upserts_and_removals()
    {
        var (e, docs) = Churned();
        using var _ = e;
        using var loaded = Reload(e, Options());
        var need = docs.Where(d => d.Kind == ListingKind.Need).Skip(3).First();
        var twin = need with { Id = Corpus.Id(90_002), Kind = ListingKind.Achievement };
        loaded.Upsert(twin);
        loaded.FindMatches(need.Id, new MatchQuery())[0].Id.ShouldBe(twin.Id);
        loaded.Remove(twin.Id);
        loaded.FindMatches(need.Id, new MatchQuery()).Select(m => m.Id).ShouldNotContain(twin.Id);

        // and saves again to the same index
        using var twice = Reload(loaded, Options());
        twice.State.Kinds[0].Slots.Count.ShouldBe(loaded.State.Kinds[0].Slots.Count);
        twice.FindMatches(need.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score))
            .ShouldBe(loaded.FindMatches(need.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)));
    }

    [Fact]
    public void A_snapshot_laid_out_under_other_pruning_settings_is_laid_out_again_from_its_live_listings()
    {
        var (e, docs) = Churned();
        using var _ = e;
        using var unpruned = Reload(e, Options(keepShare: 1));
        unpruned.State.Kinds.Sum(k => k.PrunedTerms).ShouldBe(0);
        unpruned.State.Kinds.ShouldAllBe(k => k.PostingsByTerm.Count == 0 && k.Slots.All(s => s != null));
        unpruned.ListingIds().Order().ShouldBe(e.ListingIds().Order());

        // every posting kept, the upserted listing's included
        unpruned.State.Kinds[1].CsrData.Length.ShouldBeGreaterThan(e.State.Kinds[1].CsrData.Length);
        var need = docs.First(d => d.Kind == ListingKind.Need);
        unpruned.FindMatches(need.Id, new MatchQuery(Top: 5)).Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_mapped_snapshot_reads_features_and_postings_from_the_file_and_outlives_its_replacement()
    {
        var (e, docs) = Churned();
        using var _ = e;
        var path = Path.Combine(Path.GetTempPath(), $"ttm-mapped-{Guid.NewGuid():N}.snapshot");
        try
        {
            // a header before the engine's part, as the platform writes one
            using (var f = File.Create(path))
            {
                f.Write(new byte[16]);
                e.SaveSnapshot(f);
            }

            using var mapped = new MatchingEngine(Options());
            mapped.RestoreMapped(path, offset: 16);
            mapped.State.Kinds.ShouldAllBe(k => k.CsrMapped);
            mapped.State.LiveEntries().ShouldAllBe(x => x.IsMapped);
            for (var k = 0; k < 2; k++)
            {
                mapped.State.Kinds[k].CsrData.ToArray().ShouldBe(e.State.Kinds[k].CsrData.ToArray());
            }

            // the platform renames its next snapshot over the file: the mapping keeps the old content
            var other = path + ".next";
            using (var f = File.Create(other))
            {
                f.Write(new byte[4096]);
            }

            File.Move(other, path, overwrite: true);
            File.Delete(path);
            var needs = docs.Where(d => d.Kind == ListingKind.Need).Take(10).ToList();
            foreach (var need in needs)
            {
                mapped.FindMatches(need.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score))
                    .ShouldBe(e.FindMatches(need.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)));
            }

            mapped.Search("激光焊接", ListingKind.Achievement, 10).ShouldBe(e.Search("激光焊接", ListingKind.Achievement, 10));

            // a refit builds a new state from the mapped entries; the old one is released to the collector
            // (needs[0] has a twin from Churned already)
            mapped.Upsert(needs[5] with { Id = Corpus.Id(90_003), Kind = ListingKind.Achievement });
            await mapped.RefitInBackground();
            mapped.State.Kinds.ShouldAllBe(k => !k.CsrMapped);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            mapped.FindMatches(needs[5].Id, new MatchQuery())[0].Id.ShouldBe(Corpus.Id(90_003));

            // and a mapped engine saves a snapshot like any other
            using var again = Reload(mapped, Options());
            again.FindMatches(needs[1].Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score))
                .ShouldBe(mapped.FindMatches(needs[1].Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_mapped_snapshot_cut_short_is_refused_and_leaves_the_engine_as_it_was()
    {
        var (e, _) = Churned();
        using var _e = e;
        var path = Path.Combine(Path.GetTempPath(), $"ttm-mapped-{Guid.NewGuid():N}.snapshot");
        try
        {
            using (var ms = new MemoryStream())
            {
                e.SaveSnapshot(ms);
                File.WriteAllBytes(path, ms.ToArray()[..(int)(ms.Length * 2 / 3)]);
            }

            using var target = new MatchingEngine(Options());
            target.Upsert(Corpus.Achievement(70, "Solar panel cleaning robot", "A robot that cleans photovoltaic panels without water."));
            Should.Throw<Exception>(() => target.RestoreMapped(path)).ShouldBeAssignableTo<IOException>();
            target.ListingIds().ShouldBe([Corpus.Id(70)]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_engine_serves_the_snapshot_it_saved_mapped_with_the_writes_made_since_replayed()
    {
        var (e, docs) = Churned();
        using var _ = e;
        var path = Path.Combine(Path.GetTempPath(), $"ttm-serve-{Guid.NewGuid():N}.snapshot");
        try
        {
            SnapshotCapture capture;
            using (var f = File.Create(path))
            {
                f.Write(new byte[16]);
                capture = e.SaveSnapshot(f);
            }

            // writes between the capture and the switch: an addition, a replacement, a removal of a saved listing,
            // a listing added and removed again, and one moved to the other kind
            var needs = docs.Where(d => d.Kind == ListingKind.Need).ToList();
            var achievements = docs.Where(d => d.Kind == ListingKind.Achievement).ToList();
            e.Upsert(needs[7] with { Id = Corpus.Id(90_010), Kind = ListingKind.Achievement });
            e.Upsert(achievements[3] with { Title = achievements[3].Title + " 海水淡化膜" });
            e.Remove(achievements[4].Id);
            e.Upsert(needs[8] with { Id = Corpus.Id(90_011), Kind = ListingKind.Achievement });
            e.Remove(Corpus.Id(90_011));
            e.Upsert(needs[9] with { Kind = ListingKind.Achievement });
            var before = needs.Take(12).Select(n => e.FindMatches(n.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)).ToList()).ToList();
            var ids = e.ListingIds().Order().ToList();
            var search = e.Search("海水淡化膜", ListingKind.Achievement, 10);

            e.ServeMapped(path, 16, capture).ShouldBeTrue();
            e.State.Kinds.ShouldAllBe(k => k.CsrMapped);
            e.ListingIds().Order().ShouldBe(ids);
            for (var i = 0; i < before.Count; i++)
            {
                if (needs[i].Id == needs[9].Id) continue; // moved to the achievements
                e.FindMatches(needs[i].Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)).ShouldBe(before[i]);
            }

            e.Search("海水淡化膜", ListingKind.Achievement, 10).ShouldBe(search);
            e.FindMatches(needs[7].Id, new MatchQuery())[0].Id.ShouldBe(Corpus.Id(90_010));

            // a capture whose state a refit has replaced is not served
            using (var f = File.Create(path + ".2"))
            {
                capture = e.SaveSnapshot(f);
            }

            await e.RefitInBackground();
            e.ServeMapped(path + ".2", 0, capture).ShouldBeFalse();
            e.State.Kinds.ShouldAllBe(k => !k.CsrMapped);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".2");
        }
    }
}
