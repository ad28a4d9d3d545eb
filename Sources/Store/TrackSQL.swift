/// SQL pieces over the track tables that several queries share (v_tracks, a view, spells them in its migration).
public enum TrackSQL {
    /// A track's latest popularity: the reading of the newest ingest that observed it, as a scalar subquery;
    /// `trackID` is the outer query's track id column, such as `t.track_id`.
    public static func latestPopularity(of trackID: String) -> String {
        "(SELECT latest.popularity FROM popularity_observations latest WHERE latest.track_id = \(trackID) ORDER BY latest.ingest_id DESC LIMIT 1)"
    }
}
