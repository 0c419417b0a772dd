// govuk-frontend publishes no type declarations; these cover the parts the site's script uses.
declare module 'govuk-frontend' {
  export class Component {
    constructor($root: Element);
  }
  export class ErrorSummary extends Component {}
  export class ServiceNavigation extends Component {}
  export class SkipLink extends Component {}
  export function createAll<T extends typeof Component>(
    component: T,
    config?: unknown,
    $scope?: Element,
  ): unknown[];
}
