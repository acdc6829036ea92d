import { forwardRef, useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { SearchHit, SearchResult } from '../../../shared/mapping/tree-views';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../format';
import { KindIcon } from './KindIcon';
import { KIND_LABEL } from './text';

const DEBOUNCE_MS = 180;

/**
 * Search by name or sourcedId (combobox + listbox): results come from main with the path to each node;
 * choosing one (Enter, or a click) reveals it in the tree. Enter with nothing highlighted takes the first.
 */
export const SearchBox = forwardRef<
  HTMLInputElement,
  { profileId: string; onlyProblems: boolean; onChoose(hit: SearchHit): void }
>(function SearchBox({ profileId, onlyProblems, onChoose }, ref) {
  const listId = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<SearchResult | undefined>();
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(-1);

  useEffect(() => {
    const query = text.trim();
    if (query === '') {
      setResult(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call('mapping:search', { profileId, text: query, limit: 50, onlyProblems }).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setHighlight(r.hits.length > 0 ? 0 : -1);
        },
        () => live && setResult({ total: 0, hits: [] }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, profileId, onlyProblems]);

  const hits = result?.hits ?? [];
  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    onChoose(hit);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setHighlight((h) => Math.min(hits.length - 1, h + 1));
    else if (e.key === 'ArrowUp') setHighlight((h) => Math.max(0, h - 1));
    else if (e.key === 'Enter') choose(hits[Math.max(0, highlight)]);
    else if (e.key === 'Escape') {
      if (open && text) setOpen(false);
      else setText('');
    } else return;
    e.preventDefault();
  };

  const showList = open && text.trim() !== '' && result !== undefined;
  return (
    <div className="msearch">
      <Icon name="search" size={16} className="msearch-icon" />
      <input
        ref={ref}
        type="search"
        role="combobox"
        aria-label="Search the mapping by name or sourcedId"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && highlight >= 0 ? `${listId}-${highlight}` : undefined}
        placeholder="Search name or sourcedId"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {text === '' && <kbd className="msearch-kbd">Ctrl F</kbd>}
      {showList && (
        <ul id={listId} role="listbox" className="msearch-list" aria-label="Search results">
          {hits.length === 0 && (
            <li className="msearch-empty" role="presentation">
              Nothing matches “{text.trim()}”{onlyProblems ? ' among nodes with problems' : ''}.
            </li>
          )}
          {hits.map((hit, i) => (
            <li
              key={hit.node.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === highlight}
              className={i === highlight ? 'msearch-item highlighted' : 'msearch-item'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(hit)}
              onMouseEnter={() => setHighlight(i)}
            >
              <KindIcon kind={hit.node.kind} />
              <span className="msearch-name">
                {hit.node.name} <span className="msearch-kind">{KIND_LABEL[hit.node.kind]}</span>
              </span>
              <span className="mtree-id">{hit.node.sourcedId || hit.node.canvasId}</span>
              <span className="msearch-path">{hit.pathNames.slice(1).join(' › ')}</span>
            </li>
          ))}
          {result && result.total > hits.length && (
            <li className="msearch-more" role="presentation">
              Showing {hits.length} of {formatCount(result.total)} matches: type more to narrow it down.
            </li>
          )}
        </ul>
      )}
    </div>
  );
});
