import { useEffect, useRef } from 'react';
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLocation, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/root';
import './app.css';
import { getRequestAuth } from './auth/session.server';
import { NotificationBell } from './components/notification-bell';
import { unreadCount } from './domain/notifications.server';
import { can } from './domain/policy.server';
import { services } from './services.server';
import { dictionaries } from './i18n';
import { LOCALES, LOCALE_NAMES } from './i18n/core';
import { metaT, useT } from './web/i18n';
import { anonymousLocale, isAnonymousPath } from './web/issues.server';
import { useNonce } from './web/nonce';

export async function loader({ request }: Route.LoaderArgs) {
  // Anonymous reporting: the session is neither read nor touched (its lastSeenAt would date the report), so these
  // pages show the header as signed out.
  if (isAnonymousPath(new URL(request.url).pathname)) {
    const locale = await anonymousLocale(request);
    return { locale, messages: dictionaries[locale] as Record<string, string>, user: null };
  }
  const auth = await getRequestAuth(request);
  // The bell's count: one small indexed count per page load, nothing for visitors.
  const unread = auth.user ? await unreadCount({ db: services().db, actor: auth.actor }) : 0;
  return {
    locale: auth.locale,
    // Only this language's messages reach the browser (app/web/i18n.tsx reads them).
    messages: dictionaries[auth.locale] as Record<string, string>,
    user: auth.user
      ? {
          id: auth.user.id,
          name: auth.user.name,
          email: auth.user.email,
          isPlatformAdmin: auth.user.isPlatformAdmin,
          unread,
          // The officers' inbox: liaison officers and administrators of a customs administration (the policy decides).
          inbox: auth.user.memberships.some(
            (m) => m.organization.kind === 'CUSTOMS_ADMINISTRATION' && can(auth.actor, 'issue.handle', { organizationId: m.organizationId }),
          ),
        }
      : null,
  };
}

export const links: Route.LinksFunction = () => [{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }];

/** The error pages' title key, from the status of what went wrong. */
function errorTitleKey(error: unknown) {
  if (isRouteErrorResponse(error) && error.status === 404) return 'errors.page.404';
  if (isRouteErrorResponse(error) && error.status === 403) return 'errors.page.403';
  return 'errors.page.title';
}

// Pages set their own title; this is the start page's fallback and the error pages' title.
export const meta: Route.MetaFunction = ({ matches, error }) => {
  const t = metaT(matches);
  return [{ title: error ? `${t(errorTitleKey(error))} · ${t('app.name')}` : t('app.name') }, { name: 'description', content: t('app.tagline') }];
};

function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="h-8 w-8 shrink-0">
      <rect width="32" height="32" rx="8" fill="#155569" />
      <path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fbbf24" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function LocaleSwitcher() {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="flex items-center gap-1" aria-label={t('locale.switch')}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <span className="sr-only">{t('locale.label')}</span>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={t.locale === locale}
          title={LOCALE_NAMES[locale]}
          className={
            t.locale === locale
              ? 'min-h-11 min-w-11 rounded-md bg-white px-2.5 text-sm font-semibold text-brand-900'
              : 'min-h-11 min-w-11 rounded-md px-2.5 text-sm font-medium text-white hover:bg-white/15'
          }
        >
          <span aria-hidden="true">{locale.toUpperCase()}</span>
          <span className="sr-only">{LOCALE_NAMES[locale]}</span>
        </button>
      ))}
    </Form>
  );
}

type RootData = Awaited<ReturnType<typeof loader>>;

const navClass = ({ isActive }: { isActive: boolean }) =>
  `flex min-h-11 items-center rounded-md px-3 text-sm font-medium ${isActive ? 'bg-white/15 text-white underline decoration-amber-400 decoration-2 underline-offset-8' : 'text-brand-50 hover:bg-white/10 hover:text-white'}`;

function MainNav({ user }: { user: RootData['user'] }) {
  const t = useT();
  return (
    <nav aria-label={t('nav.main')}>
      <ul className="flex flex-col gap-1 lg:flex-row lg:flex-wrap">
        {user ? (
          <li>
            <NavLink to="/dashboard" className={navClass}>
              {t('nav.dashboard')}
            </NavLink>
          </li>
        ) : null}
        {user?.inbox ? (
          <li>
            <NavLink to="/inbox" className={navClass}>
              {t('notifications.nav.inbox')}
            </NavLink>
          </li>
        ) : null}
        <li>
          <NavLink to="/issues" className={navClass}>
            {t('notifications.nav.issues')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/commitments" className={navClass}>
            {t('commitmentsPages.nav.commitments')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/plans" className={navClass}>
            {t('commitmentsPages.nav.plans')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/pledges" className={navClass}>
            {t('nav.pledges')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/organizations" className={navClass} end>
            {t('nav.organizations')}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

function AccountControls({ user }: { user: RootData['user'] }) {
  const t = useT();
  if (!user) {
    return (
      <>
        <NavLink to="/signin" className={navClass}>
          {t('nav.signIn')}
        </NavLink>
        <Link to="/signup" className="flex min-h-11 items-center rounded-md bg-amber-400 px-3 text-sm font-semibold text-brand-900 hover:bg-amber-300">
          {t('nav.signUp')}
        </Link>
      </>
    );
  }
  return (
    <>
      <NavLink to="/settings" className={navClass} title={t('nav.signedInAs', { name: user.name })}>
        <span className="sr-only">{t('nav.signedInAs', { name: '' })}</span>
        {user.name}
      </NavLink>
      <Form method="post" action="/signout">
        <button type="submit" className="min-h-11 rounded-md border border-white/40 px-3 text-sm font-medium hover:bg-white/10">
          {t('nav.signOut')}
        </button>
      </Form>
    </>
  );
}

/**
 * On narrow screens the navigation and account controls fold into a disclosure (<details>): it opens and closes
 * without JavaScript and with the keyboard; with JavaScript it also closes on navigation and on Escape.
 */
function MobileMenu({ user }: { user: RootData['user'] }) {
  const t = useT();
  const location = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  return (
    <details
      ref={ref}
      className="group ml-auto lg:hidden"
      data-testid="mobile-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-md border border-white/40 px-3 text-sm font-semibold hover:bg-white/10 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path className="group-open:hidden" d="M3 5h14M3 10h14M3 15h14" />
          <path className="hidden group-open:block" d="M5 5l10 10M15 5L5 15" />
        </svg>
        {t('nav.menu')}
      </summary>
      <div className="absolute inset-x-0 top-full z-40 border-t border-white/15 bg-brand-900 px-4 pb-5 pt-3 shadow-lg sm:px-6">
        <MainNav user={user} />
        <div className="mt-3 flex flex-wrap items-center gap-2 border-t border-white/15 pt-3">
          <AccountControls user={user} />
        </div>
        <div className="mt-3 border-t border-white/15 pt-3">
          <LocaleSwitcher />
        </div>
      </div>
    </details>
  );
}

function Header() {
  const t = useT();
  const data = useRouteLoaderData<typeof loader>('root');
  const user = data?.user ?? null;
  return (
    <header className="on-dark relative bg-brand-900 text-white">
      <div className="mx-auto flex max-w-6xl items-center gap-x-6 px-4 py-2 sm:px-6">
        <Link to={user ? '/dashboard' : '/'} className="flex min-h-11 items-center gap-2 rounded-md font-semibold tracking-tight">
          <Logo />
          <span className="text-lg">{t('app.name')}</span>
        </Link>
        <div className="hidden flex-1 items-center gap-6 lg:flex">
          <MainNav user={user} />
          <div className="ml-auto flex items-center gap-3">
            <LocaleSwitcher />
            {user ? <NotificationBell unread={user.unread} /> : null}
            <AccountControls user={user} />
          </div>
        </div>
        <div className="ml-auto flex items-center gap-2 lg:hidden">
          {user ? <NotificationBell unread={user.unread} /> : null}
          <MobileMenu user={user} />
        </div>
      </div>
    </header>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-6 text-sm text-slate-700 sm:px-6">
        <p>{t('footer.text')}</p>
        <p>{t('footer.demo')}</p>
        <p className="mt-2">
          {/* A plain link, not the router's: GraphiQL is served by the API, outside this app. */}
          <a href="/graphql" className="font-medium text-brand-700 underline underline-offset-2">
            {t('nav.api')}
          </a>
          <span className="text-slate-600"> — {t('footer.apiNote')}</span>
        </p>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? 'en'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col font-sans antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const t = useT();
  return (
    <>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-amber-300 px-4 py-2 font-semibold text-brand-900 focus:not-sr-only focus:absolute focus:left-4 focus:top-4"
      >
        {t('nav.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none sm:px-6 sm:py-10">
        {children}
      </main>
      <Footer />
    </>
  );
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

/**
 * Every error page, a missing page included (routes/not-found.tsx sends unknown addresses here after the root
 * loader ran), keeps the reader's language, header and account. Only when the root loader itself failed is there no
 * header: then a minimal page in the negotiated language's few fallback messages.
 */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const t = useT();
  const data = useRouteLoaderData<typeof loader>('root');
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const details = status === 404 ? t('errors.notFound') : status === 403 ? t('errors.forbidden') : t('errors.unexpected');
  const body = (
    <div className="mx-auto max-w-xl py-12 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">{t('errors.page.status', { status: String(status) })}</p>
      <h1 className="mt-2 text-2xl font-semibold text-brand-900">{t(errorTitleKey(error))}</h1>
      <p className="mt-3 text-slate-700">{details}</p>
      <p className="mt-6 flex flex-wrap justify-center gap-x-6 gap-y-2">
        {data?.user ? (
          <Link to="/dashboard" className="font-semibold text-brand-700 underline underline-offset-2">
            {t('errors.page.backDashboard')}
          </Link>
        ) : null}
        <Link to="/" className="font-semibold text-brand-700 underline underline-offset-2">
          {t('errors.page.back')}
        </Link>
      </p>
    </div>
  );
  if (!data) {
    return (
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {body}
      </main>
    );
  }
  return <Shell>{body}</Shell>;
}
