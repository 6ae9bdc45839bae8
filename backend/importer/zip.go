package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
)

// maxUnzipped bounds what is read from an archive, so a hostile one cannot
// fill memory.
const maxUnzipped = 1 << 30

// fromArchive returns the file named name inside a ZIP archive (ChatGPT
// mails its export as one), or data itself when it is not an archive.
func fromArchive(data []byte, name string) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return data, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("the archive cannot be read: %w", err)
	}
	for _, f := range zr.File {
		if path.Base(f.Name) != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s in the archive: %w", name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxUnzipped+1))
		if err != nil {
			return nil, fmt.Errorf("%s in the archive: %w", name, err)
		}
		if len(b) > maxUnzipped {
			return nil, errors.New(name + " in the archive is larger than 1 GB")
		}
		return b, nil
	}
	return nil, errors.New("the archive holds no " + name)
}
