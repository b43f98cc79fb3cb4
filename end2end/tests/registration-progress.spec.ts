import { expect, test } from '@playwright/test';
import { createAccount } from '../fixtures/accounts';
import { uniqueHomeEmail } from '../fixtures/contacts';
import { latestCode } from '../fixtures/inbox';
import { RegistrationPage } from '../pages/registration-page';
import { registration } from '../pages/texts';

// Issue 12, item 10: the progress line was capped at the requirement ("Verified: 1 of the 1
// method(s) required" with two verified) and ungrammatical in French. It now says how many are
// verified and how many are required, with real plurals.

test('the progress line counts every verified method beside the number required', async ({ page }) => {
  test.slow();
  const account = createAccount();
  const reg = await RegistrationPage.signIn(page, account);
  const t = reg.t;
  await expect(reg.progress).toContainText('You have not verified any method yet; 1 is required.');

  const q = t.questions;
  await reg.saveQuestions([
    { question: q.firstPet, answer: 'Rex the dog' },
    { question: q.birthCity, answer: 'Lyon' },
    { question: q.firstJob, answer: 'Paper boy' },
  ]);
  await expect(reg.progress).toContainText('You have verified 1 method; 1 is required.');

  const home = uniqueHomeEmail();
  const mailed = await reg.sendEmailCode(home.address);
  await reg.enterCode('auth_email', await latestCode(home.address, 'email', { after: mailed.at, ignore: [account.displayName] }));
  await reg.expectProgress(2, 1, t.finishReady);
  await expect(reg.progress).toContainText('You have verified 2 methods; 1 is required.');
  await expect(reg.progress).not.toContainText('(s)');
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });

  test('the progress line is grammatical French', async ({ page }) => {
    const account = createAccount();
    const reg = await RegistrationPage.signIn(page, account, { lang: 'fr' });
    await expect(reg.progress).toContainText('Vous n\u2019avez encore vérifié aucune méthode ; 1 est exigée.');
    await expect(reg.progress).toContainText(registration.fr.needMoreMethods(1));
    await expect(reg.progress).toContainText('Vérifiez encore 1 méthode avant de terminer.');
    await expect(reg.progress).not.toContainText('(s)');
  });
});
