package main

import _ "embed"

// licenceText is the LICENSE file, shown (in part) by the About dialog.
//
//go:embed LICENSE
var licenceText string
