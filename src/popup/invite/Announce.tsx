/**
 * A polite live region that stays in the page while its view does, so a screen reader reads out each new text:
 * a region added together with its words is often not read at all (WAI-ARIA live regions must exist first).
 */
export function Announce({ text }: { text: string }) {
  return (
    <p class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announce">
      {text}
    </p>
  );
}
