// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { ImageAccessSection } from '../../components/options/ImageAccessSection';

afterEach(cleanup);

test('the button asks for the image CDN; refused, it says images are not translated; allowed, it says what next', async () => {
  const access = { has: vi.fn(async () => false), request: vi.fn(async () => false) };
  render(<ImageAccessSection access={access} />);
  const allow = await screen.findByRole('button', { name: 'Allow images from Xiaohongshu’s image server' });
  await vi.waitFor(() => expect(allow).toHaveProperty('disabled', false));
  await userEvent.click(allow);
  expect((await screen.findByRole('status')).textContent).toBe('Not allowed: images are not translated. Everything else works as before.');
  access.request.mockResolvedValue(true);
  await userEvent.click(allow);
  expect((await screen.findByRole('status')).textContent).toBe('Allowed: back on the note, click the image’s button to translate it.');
  expect(screen.queryByRole('button', { name: /Allow images/ })).toBeNull();
  expect(access.request).toHaveBeenCalledTimes(2);
});

test('already allowed: no button', async () => {
  render(<ImageAccessSection access={{ has: async () => true, request: async () => true }} />);
  expect((await screen.findByRole('status')).textContent).toMatch(/^Allowed/);
  expect(screen.queryByRole('button')).toBeNull();
});

test('an options tab already open, shown again at #images, brings the section into view', async () => {
  location.hash = '';
  render(<ImageAccessSection access={{ has: async () => false, request: async () => false }} />);
  const section = await screen.findByRole('group', { name: 'Xiaohongshu’s image server' });
  const scrolled = vi.fn();
  section.scrollIntoView = scrolled;
  location.hash = '#images';
  await vi.waitFor(() => expect(scrolled).toHaveBeenCalled());
});
