package importer

// ParseLocaleDate is exported for tests.
var ParseLocaleDate = parseLocaleDate
