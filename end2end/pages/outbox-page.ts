import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page';
import { outbox } from './texts';

/** `/dev/outbox`: every queued message, newest first (enabled on the test server only). */
export class OutboxPage extends AppPage {
  readonly heading1: Locator;
  readonly table: Locator;

  constructor(page: Page) {
    super(page);
    this.heading1 = this.heading(outbox.heading);
    this.table = page.getByRole('table');
  }

  async goto(): Promise<void> {
    await this.open('/dev/outbox');
    await expect(this.heading1).toBeVisible();
  }

  /** The table rows that mention both the recipient and the given text (subject or body). */
  messagesTo(recipient: string, text: string): Locator {
    return this.table.getByRole('row').filter({ hasText: recipient }).filter({ hasText: text });
  }
}
