/// SQL pieces over the track tables that several queries share.
public enum TrackSQL {
    /// A track's latest popularity as a scalar subquery over `v_track_latest_popularity` (migration 0014), the one
    /// definition `v_tracks` reads too; `trackID` is the outer query's track id column, such as `t.track_id`.
    public static func latestPopularity(of trackID: String) -> String {
        "(SELECT latest.popularity FROM v_track_latest_popularity latest WHERE latest.track_id = \(trackID))"
    }
}
