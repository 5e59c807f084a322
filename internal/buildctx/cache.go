package buildctx

import "sync"

// Cache shares one Context among the Dockerfiles that have the same
// context directory and ignore file in effect. It is safe for concurrent
// use; the zero value is ready to use. A context is loaded once, even when
// several goroutines ask for it at the same time, and a load error is
// remembered like a Context.
type Cache struct {
	mu      sync.Mutex
	entries map[cacheKey]*cacheEntry
	located locateMemo
}

type cacheKey struct{ dir, ignore string }

type cacheEntry struct {
	once sync.Once
	ctx  *Context
	err  error
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

// Load is the cached form of the package-level Load: it locates the
// context directory and the ignore file for dockerfilePath (a stat call
// for the Dockerfile's own ignore file; what only depends on the
// directory is looked up once per Cache), then returns the Context already
// loaded for that pair, if any.
func (c *Cache) Load(dir, dockerfilePath string) (*Context, error) {
	absDir, ignore, err := locateWith(dir, dockerfilePath, &c.located)
	if err != nil {
		return nil, err
	}
	key := cacheKey{absDir, ignore}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = make(map[cacheKey]*cacheEntry)
	}
	e := c.entries[key]
	if e == nil {
		e = &cacheEntry{}
		c.entries[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.ctx, e.err = build(absDir, ignore) })
	return e.ctx, e.err
}

// Len returns the number of distinct (directory, ignore file) pairs loaded.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
