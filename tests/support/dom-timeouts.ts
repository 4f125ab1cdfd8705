// findBy* and waitFor give up after 1 s by default. That is a bound, not a measure, and too short on two
// busy cores: the popup's budget test failed once with four builds running beside the suite.
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 10_000 });
