/// The web app lives here (issue: the web app and report). Nothing is served yet.
enum WebModule {}
