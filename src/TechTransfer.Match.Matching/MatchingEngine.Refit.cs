namespace TechTransfer.Match.Matching;

// Background refit: a new state is fitted off-thread, the writes made meanwhile replayed, then swapped in.
public sealed partial class MatchingEngine
{
    /// <summary>Starts a background refit now (if none is running) and returns its task.</summary>
    public Task RefitInBackground()
    {
        _lock.EnterWriteLock();
        try
        {
            StartRefit(_state);
            return _refitTask ?? Task.CompletedTask;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Completes when the running background refit (if any) has been swapped in.</summary>
    public Task WaitForRefitAsync() => Volatile.Read(ref _refitTask) ?? Task.CompletedTask;

    private void MaybeScheduleRefit(IndexState st)
    {
        var ratio = _options.RefitGrowthRatio;
        if (ratio <= 0)
        {
            return;
        }

        var threshold = Math.Max(1.0, ratio * Math.Max(st.FitDocCount, 1));
        if (st.ChangesSinceFit >= threshold)
        {
            StartRefit(st);
        }
    }

    // called under the write lock
    private void StartRefit(IndexState st)
    {
        if (_refitTask is { IsCompleted: false })
        {
            return;
        }

        var entries = st.LiveEntries().ToList();
        var gen = _generation;
        var dict = st.Dict;
        _pendingOps = [];
        _refitTask = Task.Run(() => RefitWorker(entries, dict, gen));
    }

    /// <summary>
    /// Raised after a background refit has been swapped in, on the refit's thread. The refitted index is on the heap:
    /// the platform writes a copy and serves it mapped (<see cref="ServeMapped"/>) rather than wait for its next copy.
    /// </summary>
    public event EventHandler? Refitted;

    private void RefitWorker(List<DocEntry> entries, TermDictionary dict, long gen)
    {
        var fresh = BuildState(entries, dict, _options, Pruning);
        if (SwapRefitted(fresh, gen))
        {
            Refitted?.Invoke(this, EventArgs.Empty);
        }
    }

    private bool SwapRefitted(IndexState fresh, long gen)
    {
        _lock.EnterWriteLock();
        try
        {
            if (gen != _generation || _pendingOps == null || _disposed)
            {
                return false; // a Rebuild replaced everything meanwhile
            }

            foreach (var (upsert, id) in _pendingOps)
            {
                if (upsert != null) fresh.Add(upsert);
                else fresh.Remove(id);
            }

            fresh.ChangesSinceFit = _pendingOps.Count;
            _pendingOps = null;
            Volatile.Write(ref _state, fresh);
            Interlocked.Increment(ref _refitCount);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
